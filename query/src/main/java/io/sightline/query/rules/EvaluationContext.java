package io.sightline.query.rules;

/**
 * What one group evaluation gives each rule: where to query, when, and the group's settings.
 *
 * @param timeMs        the evaluation time (alerts' times are this)
 * @param queryOffsetMs the group's query offset: queries and written samples are at {@code timeMs - queryOffsetMs}
 * @param limit         the group's limit, 0 = none
 * @param intervalMs    the group's effective interval
 */
record EvaluationContext(RuleQueries queries, RuleEvaluatorConfig config, long timeMs, long queryOffsetMs, int limit,
                         long intervalMs) {
    long queryTimeMs() {
        return timeMs - queryOffsetMs;
    }
}
