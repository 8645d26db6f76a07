package io.sightline.query.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.QueryValue;
import io.sightline.query.promql.QueryValue.VectorSample;
import io.sightline.query.template.TemplateQueryFunction;
import io.sightline.query.template.TemplateSample;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Queryable;

/**
 * Instant queries as Prometheus's {@code EngineQueryFunc} runs them for rules: a vector as is, a
 * scalar as one sample without labels, anything else an error. Thread-safe.
 */
record RuleQueries(PromqlEngine engine, Queryable queryable) {
    /**
     * @throws RuleEvaluationException with the engine's message, or
     *                                 {@code rule result is not a vector or scalar}
     */
    List<VectorSample> vector(String expr, long timeMs) {
        QueryValue value;
        try {
            value = engine.instantQuery(queryable, expr, timeMs).value();
        } catch (PromqlException e) {
            throw new RuleEvaluationException(e.getMessage());
        }
        return switch (value) {
            case QueryValue.Vector v -> v.samples();
            case QueryValue.Scalar s -> List.of(new VectorSample(Labels.EMPTY, s.timestampMs(), s.value()));
            default -> throw new RuleEvaluationException("rule result is not a vector or scalar");
        };
    }

    /** Templates' {@code query} function at {@code timeMs}. */
    TemplateQueryFunction forTemplates(long timeMs) {
        return expr -> {
            List<TemplateSample> out = new ArrayList<>();
            for (VectorSample s : vector(expr, timeMs)) {
                Map<String, String> labels = new TreeMap<>();
                s.labels().forEach(labels::put);
                out.add(new TemplateSample(labels, s.value()));
            }
            return out;
        };
    }

    /** A rule's evaluation failure; its message is the rule's {@code lastError}. */
    static final class RuleEvaluationException extends RuntimeException {
        RuleEvaluationException(String message) {
            super(message);
        }
    }
}
