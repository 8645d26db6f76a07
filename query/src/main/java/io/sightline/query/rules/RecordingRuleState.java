package io.sightline.query.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sightline.query.alerting.RecordedSamples;
import io.sightline.query.promql.QueryValue.VectorSample;
import io.sightline.query.rules.RuleQueries.RuleEvaluationException;
import io.sightline.storage.tsdb.Labels;

/** A recording rule's evaluation, as Prometheus's {@code RecordingRule.Eval}. */
final class RecordingRuleState extends RuleState {
    private final RecordingRule rule;

    RecordingRuleState(RecordingRule rule, String query) {
        super(query);
        this.rule = rule;
    }

    @Override
    Rule rule() {
        return rule;
    }

    /**
     * The result with {@code __name__} = record and the rule's labels over the result's (an empty
     * value removes the label); fails on two results with one label set, and past the limit.
     */
    @Override
    List<RecordedSamples.Sample> evaluate(EvaluationContext ctx) {
        List<VectorSample> vector = ctx.queries().vector(rule.expr(), ctx.queryTimeMs());
        List<RecordedSamples.Sample> out = new ArrayList<>(vector.size());
        Set<Labels> seen = new HashSet<>();
        for (VectorSample s : vector) {
            Labels.Builder b = s.labels().toBuilder().set(Labels.METRIC_NAME, rule.record());
            for (Map.Entry<String, String> l : rule.labels().entrySet()) {
                b.set(l.getKey(), l.getValue());
            }
            Labels labels = b.build();
            if (!seen.add(labels)) {
                throw new RuleEvaluationException("vector contains metrics with the same labelset after applying rule labels");
            }
            out.add(new RecordedSamples.Sample(labels, ctx.queryTimeMs(), s.value()));
        }
        if (ctx.limit() > 0 && out.size() > ctx.limit()) {
            throw new RuleEvaluationException("exceeded limit of " + ctx.limit() + " with " + out.size() + " series");
        }
        return out;
    }
}
