package io.sightline.query.rules;

import java.util.List;

/**
 * A rule file that does not parse or validate. {@link #problems()} are Prometheus's messages, each
 * prefixed with the file name and, where the YAML tells, {@code line:column}.
 */
public final class RuleFileException extends RuntimeException {
    private final List<String> problems;

    public RuleFileException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
