package io.sightline.query.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sightline.query.logql.Logql;
import io.sightline.query.logql.LogqlDirection;
import io.sightline.query.logql.LogqlParseException;
import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlQueryService;
import io.sightline.query.logql.LogqlRequest;
import io.sightline.query.logql.LogqlResult;
import io.sightline.query.logql.parser.LogSelectorExpr;
import io.sightline.query.promql.QueryValue.VectorSample;
import io.sightline.storage.tsdb.Labels;

/**
 * Log-based rules, as Loki's ruler evaluates them: the rule file format of Prometheus with LogQL
 * metric queries ({@code sum by (service_name) (count_over_time({level="ERROR"}[5m])) > 10}) as
 * expressions, each evaluated as an instant query over the log store at the rule's time. A log
 * query (a selector and pipeline alone) is refused when the file is read, as Loki's ruler refuses it.
 */
public final class LogqlRuleLanguage implements RuleLanguage {
    /** Checks LogQL rule files without a store ({@code check-rules --logql}, file reloads). */
    public static final RuleSyntax SYNTAX = LogqlRuleLanguage::checkSyntax;

    private final LogqlQueryService engine;
    private final int maxSeries;
    private final Duration timeout;

    /**
     * @param maxSeries series one rule's query may answer (Loki's {@code max_query_series})
     * @param timeout   how long one rule's query may run
     */
    public LogqlRuleLanguage(LogqlQueryService engine, int maxSeries, Duration timeout) {
        this.engine = engine;
        this.maxSeries = maxSeries;
        this.timeout = timeout;
    }

    @Override
    public void check(String expr) {
        checkSyntax(expr);
    }

    private static void checkSyntax(String expr) {
        try {
            if (Logql.parse(expr) instanceof LogSelectorExpr) {
                throw new IllegalArgumentException("a log rule's expression must be a LogQL metric query"
                        + " (count_over_time, rate, sum by ..., a comparison), not a log query");
            }
        } catch (LogqlParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public List<VectorSample> instant(String expr, long timeMs) {
        long nanos = timeMs * 1_000_000L;
        LogqlResult result;
        try {
            result = engine.execute(new LogqlRequest(expr, nanos, nanos, 0, 0, LogqlDirection.BACKWARD, maxSeries, timeout));
        } catch (LogqlQueryException | LogqlParseException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return switch (result) {
            case LogqlResult.Vector vector -> {
                List<VectorSample> samples = new ArrayList<>(vector.samples().size());
                for (LogqlResult.VectorSample sample : vector.samples()) {
                    samples.add(new VectorSample(labels(sample.labels()), timeMs, sample.value()));
                }
                yield samples;
            }
            case LogqlResult.Scalar scalar -> List.of(new VectorSample(Labels.EMPTY, timeMs, scalar.value()));
            default -> throw new IllegalStateException("rule result is not a vector or scalar");
        };
    }

    private static Labels labels(Map<String, String> map) {
        List<String> pairs = new ArrayList<>(map.size() * 2);
        new TreeMap<>(map).forEach((name, value) -> {
            pairs.add(name);
            pairs.add(value);
        });
        return Labels.of(pairs.toArray(String[]::new));
    }
}
