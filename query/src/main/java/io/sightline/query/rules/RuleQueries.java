package io.sightline.query.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.QueryValue.VectorSample;
import io.sightline.query.template.TemplateQueryFunction;
import io.sightline.query.template.TemplateSample;
import io.sightline.storage.tsdb.Queryable;

/**
 * Instant queries as Prometheus's {@code EngineQueryFunc} runs them for rules, in the rule file's
 * {@link RuleLanguage}: a vector as is, a scalar as one sample without labels, anything else an
 * error. {@code queryable} is the TSDB, where {@code ALERTS_FOR_STATE} is restored from whatever the
 * language. Thread-safe.
 */
record RuleQueries(Queryable queryable, RuleLanguage language) {
    /** PromQL rules. */
    RuleQueries(PromqlEngine engine, Queryable queryable) {
        this(queryable, RuleLanguage.promql(engine, queryable));
    }

    /**
     * @throws RuleEvaluationException with the engine's message, or
     *                                 {@code rule result is not a vector or scalar}
     */
    List<VectorSample> vector(String expr, long timeMs) {
        try {
            return language.instant(expr, timeMs);
        } catch (IllegalStateException e) {
            throw new RuleEvaluationException(e.getMessage());
        }
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
