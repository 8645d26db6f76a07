package io.sightline.query.rules;

import java.util.List;
import java.util.Objects;

/**
 * One group's state for the rules API.
 *
 * @param intervalMs            the interval it runs at (its own or the default)
 * @param lastEvaluationMs      Unix ms of its last evaluation, {@link ActiveAlert#NONE} before the first
 * @param evaluationTimeSeconds how long its last evaluation took
 */
public record GroupStatus(RuleGroup group, long intervalMs, List<RuleStatus> rules, long lastEvaluationMs,
                          double evaluationTimeSeconds) {
    public GroupStatus {
        Objects.requireNonNull(group, "group");
        rules = List.copyOf(rules);
    }
}
