package io.sightline.appliance.alerting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.sightline.query.rules.RuleFileException;
import io.sightline.query.rules.RuleGroup;

/**
 * The rule groups one evaluator runs, read again at every (re)load: from files named by paths and
 * globs ({@link RuleFileSet}), each kind of file with its reader (PromQL rule files, LogQL rule files,
 * SLO declarations), plus fixed groups (the built-in pack). All problems of all files are gathered, so
 * a reload reports every one.
 */
public final class RuleFileLoader implements Supplier<List<RuleGroup>> {
    private final List<Source> sources = new ArrayList<>();
    private final List<RuleGroup> fixed = new ArrayList<>();

    private record Source(List<String> patterns, Function<Path, List<RuleGroup>> reader) {
    }

    /** Files matching {@code patterns}, read with {@code reader} (which throws {@link RuleFileException}). */
    public RuleFileLoader files(List<String> patterns, Function<Path, List<RuleGroup>> reader) {
        sources.add(new Source(List.copyOf(patterns), reader));
        return this;
    }

    /** Groups loaded every time, after the files' (the built-in pack). */
    public RuleFileLoader groups(List<RuleGroup> groups) {
        fixed.addAll(groups);
        return this;
    }

    /**
     * @throws IllegalArgumentException naming every problem when a file is missing or invalid
     */
    @Override
    public List<RuleGroup> get() {
        List<RuleGroup> groups = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Source source : sources) {
            for (Path file : RuleFileSet.resolve(source.patterns())) {
                try {
                    groups.addAll(source.reader().apply(file));
                } catch (RuleFileException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        groups.addAll(fixed);
        return groups;
    }
}
