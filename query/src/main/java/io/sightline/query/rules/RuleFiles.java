package io.sightline.query.rules;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Rule files in Prometheus's format: {@code groups} of {@code name}, {@code interval},
 * {@code query_offset}, {@code limit}, {@code labels} and {@code rules} (recording: {@code record},
 * {@code expr}, {@code labels}; alerting: {@code alert}, {@code expr}, {@code for},
 * {@code keep_firing_for}, {@code labels}, {@code annotations}), validated as Prometheus's
 * {@code rulefmt} does: expressions parse, label and annotation templates parse, names are valid,
 * group names are unique in a file. Stateless; thread-safe.
 */
public final class RuleFiles {
    private RuleFiles() {
    }

    /**
     * Reads and validates a rule file.
     *
     * @throws RuleFileException with every problem, each {@code FILE: line:col: message}
     */
    public static List<RuleGroup> parse(Path file) {
        return parse(file, RuleSyntax.PROMQL);
    }

    /** {@link #parse(Path)} for a file whose expressions are in {@code language} (LogQL: Loki's ruler). */
    public static List<RuleGroup> parse(Path file, RuleSyntax language) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleFileException(List.of(file + ": " + e.getMessage()));
        }
        return parse(file.toString(), text, language);
    }

    /** Reads and validates rule file text; {@code name} is the file name used in problems and groups. */
    public static List<RuleGroup> parse(String name, String yaml) {
        return parse(name, yaml, RuleSyntax.PROMQL);
    }

    /** {@link #parse(String, String)} with expressions in {@code language}. */
    public static List<RuleGroup> parse(String name, String yaml, RuleSyntax language) {
        return new RuleFileReader(name, language).read(yaml);
    }

    /**
     * The groups as rule file text that {@link #parse(String, String)} reads back to the same groups
     * (group labels, which a {@link RuleGroup} holds merged into its rules, are written per rule).
     * For generated rules a user can copy and edit.
     */
    public static String format(List<RuleGroup> groups) {
        return RuleFileWriter.write(groups);
    }

    /** Every problem of a file, as {@link #parse(Path)} reports them; empty when it is valid. */
    public static List<String> check(Path file) {
        try {
            parse(file);
            return List.of();
        } catch (RuleFileException e) {
            return e.problems();
        }
    }

    /**
     * {@code sightline check-rules FILE...}, printing as {@code promtool check rules} does:
     * {@code Checking FILE}, then {@code   SUCCESS: N rules found} on {@code out} or {@code   FAILED:}
     * and the problems on {@code err}, a blank line after each file.
     *
     * @return 0 when every file is valid, 1 otherwise
     */
    public static int checkMain(List<String> files, PrintStream out, PrintStream err) {
        return checkMain(files, RuleSyntax.PROMQL, out, err);
    }

    /**
     * {@link #checkMain(List, PrintStream, PrintStream)} for files whose expressions are in
     * {@code language}: {@code sightline check-rules --logql FILE...} checks Loki ruler files with
     * {@link LogqlRuleLanguage#SYNTAX}, exactly as the appliance reads {@code rules.logql-files}.
     */
    public static int checkMain(List<String> files, RuleSyntax language, PrintStream out, PrintStream err) {
        boolean failed = false;
        for (String name : files) {
            out.println("Checking " + name);
            try {
                List<RuleGroup> groups = parse(Path.of(name), language);
                int rules = groups.stream().mapToInt(g -> g.rules().size()).sum();
                out.println("  SUCCESS: " + rules + " rules found");
            } catch (RuleFileException e) {
                err.println("  FAILED:");
                e.problems().forEach(err::println);
                failed = true;
            }
            out.println();
        }
        return failed ? 1 : 0;
    }
}
