package io.sightline.query.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.sightline.query.alerting.RecordedSamples;
import io.sightline.storage.tsdb.Labels;

/**
 * The evaluation state of one rule of a loaded group: health, last error, timings and the series it
 * wrote at its last successful evaluation (to mark stale those it stops writing). Guarded by the
 * owning {@link GroupState}'s lock.
 */
abstract sealed class RuleState permits RecordingRuleState, AlertingRuleState {
    /** The expression as the APIs show it ({@link RuleSyntax#print}): PromQL as Prometheus prints it. */
    final String query;
    RuleHealth health = RuleHealth.UNKNOWN;
    String lastError = "";
    long lastEvaluationMs = ActiveAlert.NONE;
    double evaluationSeconds;
    Set<Labels> seriesInPreviousEvaluation = new HashSet<>();

    RuleState(String query) {
        this.query = query;
    }

    abstract Rule rule();

    /**
     * Evaluates the rule at {@code ctx.timeMs()}.
     *
     * @return the samples to write
     * @throws RuleQueries.RuleEvaluationException when the rule fails (its {@code lastError})
     */
    abstract List<RecordedSamples.Sample> evaluate(EvaluationContext ctx);

    /** Prometheus matches a reloaded rule to its old state by name and labels. */
    final String identity() {
        return rule().name() + rule().labels();
    }

    RuleStatus status() {
        return new RuleStatus(rule(), query, health, lastError, lastEvaluationMs, evaluationSeconds, AlertState.INACTIVE,
                List.of());
    }
}
