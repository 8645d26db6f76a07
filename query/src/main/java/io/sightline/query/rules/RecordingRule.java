package io.sightline.query.rules;

import java.util.Map;
import java.util.Objects;


/**
 * A recording rule: {@code expr} evaluated at every group evaluation and written back under the
 * metric name {@code record}, its {@code labels} overriding the result's.
 */
public record RecordingRule(String record, String expr, Map<String, String> labels) implements Rule {
    public RecordingRule {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(expr, "expr");
        labels = RuleMaps.sorted(labels);
    }

    @Override
    public String name() {
        return record;
    }
}
