package io.sightline.query.rules;

import java.util.List;
import java.util.Objects;

/**
 * One rule's state for the rules API.
 *
 * @param query                 the expression as the APIs show it (PromQL as Prometheus prints it)
 * @param lastError             "" when the last evaluation succeeded
 * @param lastEvaluationMs      Unix ms of the last evaluation, {@link ActiveAlert#NONE} before the first
 * @param evaluationTimeSeconds how long the last evaluation took
 * @param state                 for alerting rules the highest state of its alerts; INACTIVE for recording rules
 * @param alerts                for alerting rules the alerts that have not resolved, sorted by labels
 */
public record RuleStatus(Rule rule, String query, RuleHealth health, String lastError, long lastEvaluationMs,
                         double evaluationTimeSeconds, AlertState state, List<ActiveAlert> alerts) {
    public RuleStatus {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(lastError, "lastError");
        alerts = List.copyOf(alerts);
    }
}
