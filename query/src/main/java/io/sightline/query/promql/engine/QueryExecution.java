package io.sightline.query.promql.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

import io.sightline.query.promql.EngineConfig;
import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.PromqlException.ErrorType;
import io.sightline.query.promql.QueryResult;
import io.sightline.query.promql.QueryValue;
import io.sightline.query.promql.parser.Expr;
import io.sightline.query.promql.parser.ValueType;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Queryable;

/**
 * Runs one parsed query and shapes the answer as Prometheus's API does. The entry point of this
 * package for {@link io.sightline.query.promql.PromqlEngine}; not meant for other callers.
 */
public final class QueryExecution {
    private QueryExecution() {
    }

    /** An instant query at {@code timeMs}. */
    public static QueryResult instant(Queryable queryable, EngineConfig config, LongSupplier nanoClock, Expr expr,
                                      long timeMs) {
        Annotations annotations = new Annotations();
        Evaluator ev = evaluator(queryable, config, nanoClock, annotations, timeMs, timeMs);
        EvalValue value = ev.eval(expr, new Steps(timeMs, timeMs, 0));
        QueryValue out = switch (value) {
            case ScalarSteps s -> new QueryValue.Scalar(timeMs, s.values()[0]);
            case TextValue t -> new QueryValue.StringValue(timeMs, t.value());
            case VectorSteps v -> {
                List<QueryValue.VectorSample> samples = new ArrayList<>(v.series().size());
                for (StepSeries s : v.series()) {
                    if (s.present(0)) {
                        samples.add(new QueryValue.VectorSample(s.labels, timeMs, s.values[0]));
                    }
                }
                yield new QueryValue.Vector(samples);
            }
            case RangeSteps r -> rangeAt(r);
        };
        return new QueryResult(out, annotations.warnings(), annotations.infos());
    }

    /** A range query; the caller has validated start, end and step. */
    public static QueryResult range(Queryable queryable, EngineConfig config, LongSupplier nanoClock, Expr expr,
                                    long startMs, long endMs, long stepMs) {
        if (expr.type() != ValueType.SCALAR && expr.type() != ValueType.VECTOR) {
            throw new PromqlException(ErrorType.BAD_DATA, "invalid expression type \"" + expr.type().documentedName()
                    + "\" for range query, must be Scalar or instant Vector");
        }
        Annotations annotations = new Annotations();
        Evaluator ev = evaluator(queryable, config, nanoClock, annotations, startMs, endMs);
        Steps steps = new Steps(startMs, endMs, stepMs);
        EvalValue value = ev.eval(expr, steps);
        List<StepSeries> series = value instanceof ScalarSteps s
                ? List.of(new StepSeries(Labels.EMPTY, s.values())) : ((VectorSteps) value).series();
        List<QueryValue.MatrixSeries> out = new ArrayList<>(series.size());
        for (StepSeries s : series) {
            int n = s.count();
            if (n == 0) {
                continue;
            }
            long[] times = new long[n];
            double[] values = new double[n];
            int k = 0;
            for (int i = 0; i < s.values.length; i++) {
                if (s.present(i)) {
                    times[k] = steps.time(i);
                    values[k++] = s.values[i];
                }
            }
            out.add(new QueryValue.MatrixSeries(s.labels, times, values));
        }
        out.sort(Comparator.comparing(QueryValue.MatrixSeries::labels));
        return new QueryResult(new QueryValue.Matrix(out), annotations.warnings(), annotations.infos());
    }

    private static Evaluator evaluator(Queryable queryable, EngineConfig config, LongSupplier nanoClock,
                                       Annotations annotations, long start, long end) {
        QueryGuard guard = new QueryGuard(nanoClock, config.timeout().toNanos(), config.maxSamples(),
                config.maxSeries());
        return new Evaluator(queryable, config, guard, annotations, start, end);
    }

    /** A range vector at an instant query's single step: each series' samples in the window. */
    private static QueryValue.Matrix rangeAt(RangeSteps r) {
        long start = r.excludedUpTo(0);
        long end = r.windowEnds()[0];
        List<QueryValue.MatrixSeries> out = new ArrayList<>();
        for (RangeSeries s : r.series()) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                if (s.times()[i] > start && s.times()[i] <= end) {
                    idx.add(i);
                }
            }
            if (idx.isEmpty()) {
                continue;
            }
            long[] times = new long[idx.size()];
            double[] values = new double[idx.size()];
            for (int k = 0; k < idx.size(); k++) {
                times[k] = s.times()[idx.get(k)];
                values[k] = s.values()[idx.get(k)];
            }
            out.add(new QueryValue.MatrixSeries(s.labels(), times, values));
        }
        return new QueryValue.Matrix(out);
    }
}
