package io.sightline.query.promql.engine;

import java.util.ArrayList;
import java.util.List;

import io.sightline.query.promql.EngineConfig;
import io.sightline.query.promql.parser.AggregateExpr;
import io.sightline.query.promql.parser.AtModifier;
import io.sightline.query.promql.parser.BinaryExpr;
import io.sightline.query.promql.parser.Call;
import io.sightline.query.promql.parser.Expr;
import io.sightline.query.promql.parser.MatrixSelector;
import io.sightline.query.promql.parser.NumberLiteral;
import io.sightline.query.promql.parser.ParenExpr;
import io.sightline.query.promql.parser.StringLiteral;
import io.sightline.query.promql.parser.SubqueryExpr;
import io.sightline.query.promql.parser.UnaryExpr;
import io.sightline.query.promql.parser.VectorSelector;
import io.sightline.storage.tsdb.Queryable;
import io.sightline.storage.tsdb.Sample;

/**
 * Evaluates an expression over all steps of a (sub)query at once, node by node: each node's result
 * holds every step, so a selector reads storage once per query and functions slide over arrays
 * instead of re-reading per step. Semantics follow Prometheus 3 (left-open range and lookback
 * windows). One per query; not thread-safe.
 */
final class Evaluator {
    final Queryable queryable;
    final EngineConfig config;
    final QueryGuard guard;
    final Annotations annotations;
    final long queryStart;
    final long queryEnd;

    Evaluator(Queryable queryable, EngineConfig config, QueryGuard guard, Annotations annotations, long queryStart,
              long queryEnd) {
        this.queryable = queryable;
        this.config = config;
        this.guard = guard;
        this.annotations = annotations;
        this.queryStart = queryStart;
        this.queryEnd = queryEnd;
    }

    EvalValue eval(Expr expr, Steps steps) {
        guard.check();
        return switch (expr) {
            case NumberLiteral n -> ScalarSteps.constant(n.value(), steps.count());
            case StringLiteral s -> new TextValue(s.value());
            case ParenExpr p -> eval(p.expr(), steps);
            case UnaryExpr u -> unary(u, steps);
            case VectorSelector vs -> selectInstant(vs, steps, false);
            case MatrixSelector ms -> selectRange(ms, steps);
            case SubqueryExpr sq -> subquery(sq, steps);
            case BinaryExpr b -> BinaryOperations.eval(this, b, steps);
            case AggregateExpr a -> Aggregations.eval(this, a, steps);
            case Call c -> FunctionCalls.eval(this, c, steps);
        };
    }

    VectorSteps evalVector(Expr expr, Steps steps) {
        return (VectorSteps) eval(expr, steps);
    }

    double[] evalScalar(Expr expr, Steps steps) {
        return ((ScalarSteps) eval(expr, steps)).values();
    }

    private EvalValue unary(UnaryExpr u, Steps steps) {
        EvalValue inner = eval(u.expr(), steps);
        if (!u.negate()) {
            return inner;
        }
        if (inner instanceof ScalarSteps s) {
            double[] out = new double[s.values().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = -s.values()[i];
            }
            return new ScalarSteps(out);
        }
        List<StepSeries> out = new ArrayList<>();
        for (StepSeries s : ((VectorSteps) inner).series()) {
            double[] values = s.values.clone();
            for (int i = 0; i < values.length; i++) {
                if (!Absent.is(values[i])) {
                    values[i] = -values[i];
                }
            }
            out.add(new StepSeries(s.labels.without(List.of(io.sightline.storage.tsdb.Labels.METRIC_NAME)), values));
        }
        return SeriesMerger.merge(out);
    }

    /** The end of each step's window for a selector or subquery with {@code at} and {@code offset}. */
    long[] windowEnds(AtModifier at, long offsetMs, Steps steps) {
        long[] ends = new long[steps.count()];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = at.resolve(steps.time(i), queryStart, queryEnd) - offsetMs;
        }
        return ends;
    }

    /**
     * An instant vector selector: at each step the latest sample in (t - lookback, t], unless that
     * sample is a stale marker. With {@code timestamps}, the value is the sample's time in seconds
     * (for {@code timestamp(selector)}).
     */
    VectorSteps selectInstant(VectorSelector vs, Steps steps, boolean timestamps) {
        long[] ends = windowEnds(vs.at(), vs.offsetMs(), steps);
        long lookback = config.lookbackDelta().toMillis();
        long[] starts = new long[ends.length];
        for (int i = 0; i < ends.length; i++) {
            starts[i] = ends[i] - lookback - closedExtra();
        }
        List<RangeSeries> loaded = SeriesLoader.load(queryable, vs.matchers(), starts, ends, true, guard);
        List<StepSeries> out = new ArrayList<>(loaded.size());
        long loadedSamples = 0;
        for (RangeSeries s : loaded) {
            loadedSamples += s.size();
            double[] values = Absent.array(ends.length);
            boolean any = false;
            int j = -1;
            for (int i = 0; i < ends.length; i++) {
                while (j + 1 < s.size() && s.times()[j + 1] <= ends[i]) {
                    j++;
                }
                if (j >= 0 && s.times()[j] > starts[i] && !Sample.isStaleMarker(s.values()[j])) {
                    values[i] = timestamps ? s.times()[j] / 1000.0 : s.values()[j];
                    any = true;
                }
            }
            if (any) {
                out.add(new StepSeries(s.labels(), values));
            }
        }
        VectorSteps result = new VectorSteps(out);
        guard.releaseSamples(loadedSamples);
        guard.acquireSamples(result.points());
        return result;
    }

    RangeSteps selectRange(MatrixSelector ms, Steps steps) {
        VectorSelector vs = ms.selector();
        long[] ends = windowEnds(vs.at(), vs.offsetMs(), steps);
        long[] starts = new long[ends.length];
        for (int i = 0; i < ends.length; i++) {
            starts[i] = ends[i] - ms.rangeMs() - closedExtra();
        }
        List<RangeSeries> loaded = SeriesLoader.load(queryable, vs.matchers(), starts, ends, false, guard);
        return new RangeSteps(loaded, ends, ms.rangeMs(), config.prometheus2Semantics());
    }

    /**
     * A subquery: its expression evaluated at steps aligned to absolute multiples of its step,
     * starting with the first such time after the earliest window's start (Prometheus 3).
     */
    RangeSteps subquery(SubqueryExpr sq, Steps steps) {
        long[] ends = windowEnds(sq.at(), sq.offsetMs(), steps);
        long step = sq.stepMs() != 0 ? sq.stepMs() : config.defaultSubqueryStep().toMillis();
        long lowest = ends[0] - sq.rangeMs();
        long innerStart = step * (lowest / step);
        if (innerStart <= lowest - closedExtra()) {
            innerStart += step;
        }
        long innerEnd = ends[ends.length - 1];
        List<RangeSeries> series = new ArrayList<>();
        if (innerStart <= innerEnd) {
            Steps inner = new Steps(innerStart, innerEnd, step);
            if (inner.count() > config.maxSamples()) {
                throw new io.sightline.query.promql.PromqlException(
                        io.sightline.query.promql.PromqlException.ErrorType.EXECUTION,
                        "query processing would load too many samples into memory in query execution");
            }
            VectorSteps v = evalVector(sq.expr(), inner);
            for (StepSeries s : v.series()) {
                int n = s.count();
                long[] times = new long[n];
                double[] values = new double[n];
                int k = 0;
                for (int i = 0; i < s.values.length; i++) {
                    if (s.present(i)) {
                        times[k] = inner.time(i);
                        values[k++] = s.values[i];
                    }
                }
                series.add(new RangeSeries(s.labels, times, values, n));
            }
        }
        return new RangeSteps(series, ends, sq.rangeMs(), config.prometheus2Semantics());
    }

    /** 1 ms more behind each window start with Prometheus 2's closed windows: times are whole ms. */
    private long closedExtra() {
        return config.prometheus2Semantics() ? 1 : 0;
    }
}
