package io.sightline.query.rules.slo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.sightline.query.rules.RuleFileException;
import io.sightline.query.rules.RuleFiles;
import io.sightline.query.rules.RuleGroup;

/**
 * SLO templates: short declarations in, the multi-window, multi-burn-rate recording and alerting
 * rules of the Google SRE workbook out (one {@link RuleGroup} per SLO, named {@code slo:NAME}),
 * ready for the {@code RuleEvaluator} beside the user's rule files. See the module README for the
 * file format and the generated series. Stateless; thread-safe.
 */
public final class SloRules {
    private SloRules() {
    }

    /**
     * Reads an SLO file and generates its rules; each group's {@code file} is this path.
     *
     * @throws RuleFileException with every problem, each {@code FILE: line:col: slo "NAME": FIELD: message}
     */
    public static List<RuleGroup> parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleFileException(List.of(file + ": " + e.getMessage()));
        }
        return parse(file.toString(), text);
    }

    /** As {@link #parse(Path)} over the file's text; {@code name} is used in problems and as the groups' file. */
    public static List<RuleGroup> parse(String name, String yaml) {
        return generate(declarations(name, yaml), name);
    }

    /** The declarations of an SLO file's text, validated. */
    public static List<SloDeclaration> declarations(String name, String yaml) {
        return new SloFileReader(name).read(yaml);
    }

    /** One group per SLO, in order, each with {@code file} as its file. */
    public static List<RuleGroup> generate(List<SloDeclaration> slos, String file) {
        return slos.stream().map(s -> SloRuleGenerator.group(s, file)).toList();
    }

    /** The generated rules of an SLO file as a Prometheus rule file, to inspect or to copy and edit. */
    public static String asYaml(List<RuleGroup> groups) {
        return RuleFiles.format(groups);
    }
}
