package io.sightline.query.rules;

import java.util.Map;
import java.util.Objects;


/**
 * An alerting rule: every series {@code expr} returns is an alert, pending until it has been active
 * for {@code forMs}, then firing; {@code keepFiringForMs} keeps it firing that long after the
 * expression stops returning it. Label and annotation values are Go templates.
 *
 * @param forMs           Prometheus's {@code for}, milliseconds, 0 = fires at the first evaluation
 * @param keepFiringForMs Prometheus's {@code keep_firing_for}, milliseconds, 0 = resolves at once
 */
public record AlertingRule(String alert, String expr, long forMs, long keepFiringForMs, Map<String, String> labels,
                           Map<String, String> annotations) implements Rule {
    public AlertingRule {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(expr, "expr");
        labels = RuleMaps.sorted(labels);
        annotations = RuleMaps.sorted(annotations);
    }

    @Override
    public String name() {
        return alert;
    }
}
