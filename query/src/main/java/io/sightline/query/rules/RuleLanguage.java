package io.sightline.query.rules;

import java.util.List;

import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.QueryValue;
import io.sightline.query.promql.QueryValue.VectorSample;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Queryable;

/**
 * The query language of a rule file's expressions: PromQL over the TSDB (Prometheus's rule files), or
 * LogQL metric queries over the log store (Loki's ruler, {@link LogqlRuleLanguage}). Everything else
 * about rules (states, templates, series written, notifications) is the same for both.
 */
public interface RuleLanguage extends RuleSyntax {
    /**
     * The expression at {@code timeMs} as an instant vector; a scalar is one sample without labels.
     *
     * @throws IllegalStateException with the engine's message, or "rule result is not a vector or scalar"
     */
    List<VectorSample> instant(String expr, long timeMs);

    /** PromQL through {@code engine} over {@code queryable}, as Prometheus's rules. */
    static RuleLanguage promql(PromqlEngine engine, Queryable queryable) {
        return new RuleLanguage() {
            @Override
            public void check(String expr) {
                RuleSyntax.PROMQL.check(expr);
            }

            @Override
            public String print(String expr) {
                return RuleSyntax.PROMQL.print(expr);
            }

            @Override
            public List<VectorSample> instant(String expr, long timeMs) {
                QueryValue value;
                try {
                    value = engine.instantQuery(queryable, expr, timeMs).value();
                } catch (PromqlException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                return switch (value) {
                    case QueryValue.Vector v -> v.samples();
                    case QueryValue.Scalar s -> List.of(new VectorSample(Labels.EMPTY, s.timestampMs(), s.value()));
                    default -> throw new IllegalStateException("rule result is not a vector or scalar");
                };
            }
        };
    }
}
