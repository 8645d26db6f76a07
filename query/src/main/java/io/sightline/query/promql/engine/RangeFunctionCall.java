package io.sightline.query.promql.engine;

import java.util.ArrayList;
import java.util.List;

import io.sightline.query.promql.parser.Call;
import io.sightline.query.promql.parser.GoStrings;
import io.sightline.query.promql.parser.Numbers;
import io.sightline.query.promql.parser.ValueType;

/**
 * Calls of functions over a range vector ({@code rate(x[5m])}, {@code max_over_time(...[1h:])}):
 * for each series two indexes slide forward over its sample arrays as the steps' windows move, so
 * the whole range query costs one pass per series plus the per-window work.
 */
final class RangeFunctionCall {
    private enum Kind {
        RATE, INCREASE, DELTA, IRATE, IDELTA, DERIV, PREDICT_LINEAR, RESETS, CHANGES, AVG, MIN, MAX, SUM, COUNT,
        QUANTILE, STDDEV, STDVAR, LAST, PRESENT
    }

    private RangeFunctionCall() {
    }

    static VectorSteps eval(Evaluator ev, Call c, Steps steps) {
        String name = c.function().name();
        Kind kind = kind(name);
        int matrixArg = c.function().argTypes().indexOf(ValueType.MATRIX);
        double[] scalar = null;
        for (int a = 0; a < c.args().size(); a++) {
            if (a != matrixArg) {
                scalar = ev.evalScalar(c.args().get(a), steps);
            }
        }
        RangeSteps range = (RangeSteps) ev.eval(c.args().get(matrixArg), steps);
        int n = steps.count();
        if (kind == Kind.QUANTILE) {
            for (double q : scalar) {
                if (q < 0 || q > 1) {
                    ev.annotations.warn("quantile value should be between 0 and 1, got " + Numbers.format(q));
                    break;
                }
            }
        }
        List<StepSeries> out = new ArrayList<>(range.series().size());
        long loaded = 0;
        int checked = 0;
        for (RangeSeries s : range.series()) {
            if (++checked % 256 == 0) {
                ev.guard.check();
            }
            loaded += s.size();
            double[] values = Absent.array(n);
            boolean any = false;
            long[] t = s.times();
            double[] v = s.values();
            int[] resets = kind == Kind.RATE || kind == Kind.INCREASE ? RangeFunctions.resetCounts(v, s.size()) : null;
            int lo = 0;
            int hi = 0;
            for (int i = 0; i < n; i++) {
                long start = range.windowStart(i);
                long excluded = range.excludedUpTo(i);
                long end = range.windowEnds()[i];
                while (lo < s.size() && t[lo] <= excluded) {
                    lo++;
                }
                if (hi < lo) {
                    hi = lo;
                }
                while (hi < s.size() && t[hi] <= end) {
                    hi++;
                }
                if (hi == lo) {
                    continue;
                }
                double r = compute(kind, t, v, resets, lo, hi, start, end, range.rangeMs(),
                        scalar == null ? 0 : scalar[i], steps.time(i), range.closed());
                if (!Absent.is(r)) {
                    values[i] = r;
                    any = true;
                }
            }
            if (any) {
                if (kind == Kind.RATE || kind == Kind.INCREASE) {
                    String metric = s.labels().metricName();
                    if (!metric.isEmpty() && !metric.endsWith("_total") && !metric.endsWith("_sum")
                            && !metric.endsWith("_count") && !metric.endsWith("_bucket")) {
                        ev.annotations.info("metric might not be a counter, name does not end in "
                                + "_total/_sum/_count/_bucket: " + GoStrings.quote(metric));
                    }
                }
                out.add(new StepSeries(kind == Kind.LAST ? s.labels() : BinaryOperations.dropName(s.labels()), values));
            }
        }
        VectorSteps result = SeriesMerger.merge(out);
        ev.guard.releaseSamples(loaded);
        ev.guard.acquireSamples(result.points());
        return result;
    }

    private static double compute(Kind kind, long[] t, double[] v, int[] resets, int lo, int hi, long start,
                                  long end, long rangeMs,
                                  double scalar, long stepTime, boolean prometheus2) {
        return switch (kind) {
            case RATE -> RangeFunctions.extrapolatedRate(t, v, resets, lo, hi, start, end, rangeMs, true, true,
                    prometheus2);
            case INCREASE -> RangeFunctions.extrapolatedRate(t, v, resets, lo, hi, start, end, rangeMs, true, false,
                    prometheus2);
            case DELTA -> RangeFunctions.extrapolatedRate(t, v, null, lo, hi, start, end, rangeMs, false, false,
                    prometheus2);
            case IRATE -> RangeFunctions.instantRate(t, v, lo, hi, true);
            case IDELTA -> RangeFunctions.instantRate(t, v, lo, hi, false);
            case DERIV -> RangeFunctions.deriv(t, v, lo, hi);
            case PREDICT_LINEAR -> RangeFunctions.predictLinear(t, v, lo, hi, stepTime, scalar);
            case RESETS -> RangeFunctions.resets(v, lo, hi);
            case CHANGES -> RangeFunctions.changes(v, lo, hi);
            case AVG -> Kahan.mean(v, lo, hi);
            case MIN -> RangeFunctions.extreme(v, lo, hi, false);
            case MAX -> RangeFunctions.extreme(v, lo, hi, true);
            case SUM -> RangeFunctions.sum(v, lo, hi);
            case COUNT -> hi - lo;
            case QUANTILE -> RangeFunctions.quantile(scalar, v, lo, hi);
            case STDDEV -> Math.sqrt(RangeFunctions.variance(v, lo, hi));
            case STDVAR -> RangeFunctions.variance(v, lo, hi);
            case LAST -> v[hi - 1];
            case PRESENT -> 1;
        };
    }

    private static Kind kind(String name) {
        return switch (name) {
            case "rate" -> Kind.RATE;
            case "increase" -> Kind.INCREASE;
            case "delta" -> Kind.DELTA;
            case "irate" -> Kind.IRATE;
            case "idelta" -> Kind.IDELTA;
            case "deriv" -> Kind.DERIV;
            case "predict_linear" -> Kind.PREDICT_LINEAR;
            case "resets" -> Kind.RESETS;
            case "changes" -> Kind.CHANGES;
            case "avg_over_time" -> Kind.AVG;
            case "min_over_time" -> Kind.MIN;
            case "max_over_time" -> Kind.MAX;
            case "sum_over_time" -> Kind.SUM;
            case "count_over_time" -> Kind.COUNT;
            case "quantile_over_time" -> Kind.QUANTILE;
            case "stddev_over_time" -> Kind.STDDEV;
            case "stdvar_over_time" -> Kind.STDVAR;
            case "last_over_time" -> Kind.LAST;
            case "present_over_time" -> Kind.PRESENT;
            default -> throw new io.sightline.query.promql.PromqlException(
                    io.sightline.query.promql.PromqlException.ErrorType.EXECUTION,
                    "function \"" + name + "\" is not supported by Sightline");
        };
    }
}
