package io.sightline.query.rules;

import java.util.List;
import java.util.Objects;

/**
 * A group of rules evaluated in order at one interval, as a rule file declares it.
 *
 * @param intervalMs    evaluation interval, ms; 0 = the evaluator's default ({@link RuleEvaluatorConfig#defaultIntervalMs()})
 * @param limit         most alerts an alerting rule / series a recording rule may produce; 0 = no limit
 * @param queryOffsetMs how far back of the evaluation time the rules query (Prometheus's {@code query_offset})
 * @param file          the file it was read from (its identity together with the name)
 */
public record RuleGroup(String name, long intervalMs, int limit, long queryOffsetMs, List<Rule> rules, String file) {
    public RuleGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        rules = List.copyOf(rules);
        if (intervalMs < 0 || queryOffsetMs < 0) {
            throw new IllegalArgumentException("interval and query offset must not be negative");
        }
    }

    /** The interval this group runs at: its own, or {@code defaultIntervalMs} when it has none. */
    public long effectiveIntervalMs(long defaultIntervalMs) {
        return intervalMs > 0 ? intervalMs : defaultIntervalMs;
    }
}
