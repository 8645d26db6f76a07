package io.sightline.query.logql.engine;

import java.util.Arrays;

import io.sightline.query.logql.parser.RangeOp;

/**
 * The value of a range aggregation over one window of one series, as Loki's range vector
 * aggregators compute it: {@code samples[lo, hi)} of a {@link SampleBuffer}, never empty. Rates
 * divide by the range in seconds; {@code rate_counter} is Prometheus's extrapolated rate with the
 * window (evaluation time − range, evaluation time]. Stateless.
 */
final class RangeFunctions {
    private RangeFunctions() {
    }

    /**
     * @param evalNanos the window's end (step time minus offset)
     * @param rangeNanos the window's length
     */
    static double apply(RangeOp op, double param, boolean unwrapped, SampleBuffer b, int lo, int hi,
                        long evalNanos, long rangeNanos) {
        double rangeSeconds = rangeNanos / 1e9;
        return switch (op) {
            case COUNT_OVER_TIME -> hi - lo;
            case RATE -> (unwrapped ? sum(b, lo, hi) : hi - lo) / rangeSeconds;
            case BYTES_OVER_TIME, SUM_OVER_TIME -> sum(b, lo, hi);
            case BYTES_RATE -> sum(b, lo, hi) / rangeSeconds;
            case AVG_OVER_TIME -> average(b, lo, hi);
            case MIN_OVER_TIME -> extreme(b, lo, hi, false);
            case MAX_OVER_TIME -> extreme(b, lo, hi, true);
            case STDVAR_OVER_TIME -> variance(b, lo, hi);
            case STDDEV_OVER_TIME -> Math.sqrt(variance(b, lo, hi));
            case QUANTILE_OVER_TIME -> quantile(param, Arrays.copyOfRange(b.values, lo, hi));
            case FIRST_OVER_TIME -> b.values[lo];
            case LAST_OVER_TIME -> b.values[hi - 1];
            case RATE_COUNTER -> extrapolatedRate(b, lo, hi, evalNanos, rangeNanos);
            case ABSENT_OVER_TIME -> 1;
        };
    }

    private static double sum(SampleBuffer b, int lo, int hi) {
        double sum = 0;
        for (int i = lo; i < hi; i++) {
            sum += b.values[i];
        }
        return sum;
    }

    /** Loki's incremental mean, which keeps an infinite mean instead of turning it into NaN. */
    private static double average(SampleBuffer b, int lo, int hi) {
        double mean = 0;
        double count = 0;
        for (int i = lo; i < hi; i++) {
            double v = b.values[i];
            count++;
            if (Double.isInfinite(mean)) {
                if (Double.isInfinite(v) && (mean > 0) == (v > 0)) {
                    continue;
                }
                if (!Double.isInfinite(v) && !Double.isNaN(v)) {
                    continue;
                }
            }
            mean += v / count - mean / count;
        }
        return mean;
    }

    private static double extreme(SampleBuffer b, int lo, int hi, boolean max) {
        double out = b.values[lo];
        for (int i = lo; i < hi; i++) {
            double v = b.values[i];
            if ((max ? v > out : v < out) || Double.isNaN(out)) {
                out = v;
            }
        }
        return out;
    }

    /** Welford's population variance. */
    private static double variance(SampleBuffer b, int lo, int hi) {
        double aux = 0;
        double count = 0;
        double mean = 0;
        for (int i = lo; i < hi; i++) {
            double v = b.values[i];
            count++;
            double delta = v - mean;
            mean += delta / count;
            aux += delta * (v - mean);
        }
        return aux / count;
    }

    /** Prometheus's quantile: linear interpolation between the closest ranks; q outside [0, 1] gives ±Inf. */
    static double quantile(double q, double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        Arrays.sort(values);
        double n = values.length;
        double rank = q * (n - 1);
        double lower = Math.max(0, Math.floor(rank));
        double upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return values[(int) lower] * (1 - weight) + values[(int) upper] * weight;
    }

    private static double extrapolatedRate(SampleBuffer b, int lo, int hi, long evalNanos, long rangeNanos) {
        int n = hi - lo;
        if (n < 2) {
            return 0;
        }
        double first = b.values[lo];
        double last = b.values[hi - 1];
        double result = last - first;
        double previous = 0;
        for (int i = lo; i < hi; i++) {
            if (b.values[i] < previous) {
                result += previous;
            }
            previous = b.values[i];
        }
        long firstMs = b.times[lo] / 1_000_000;
        long lastMs = b.times[hi - 1] / 1_000_000;
        long rangeEndMs = evalNanos / 1_000_000;
        long rangeStartMs = rangeEndMs - rangeNanos / 1_000_000;
        double durationToStart = (firstMs - rangeStartMs) / 1000.0;
        double durationToEnd = (rangeEndMs - lastMs) / 1000.0;
        double sampled = (lastMs - firstMs) / 1000.0;
        double averageBetween = sampled / (n - 1);
        if (result > 0 && first >= 0) {
            double durationToZero = sampled * (first / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        double threshold = averageBetween * 1.1;
        double extrapolateTo = sampled;
        extrapolateTo += durationToStart < threshold ? durationToStart : averageBetween / 2;
        extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetween / 2;
        return result * (extrapolateTo / sampled) / (rangeNanos / 1e9);
    }
}
