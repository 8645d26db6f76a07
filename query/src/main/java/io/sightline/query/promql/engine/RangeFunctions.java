package io.sightline.query.promql.engine;

/**
 * The functions of a range vector, computed over one window {@code [from, to)} of a series' sample
 * arrays; each returns {@link Absent#VALUE} when the window yields no result. Formulas follow
 * Prometheus 3's functions.go (extrapolated rate, Kahan sums, regression) so results agree to
 * floating-point rounding.
 */
final class RangeFunctions {
    private RangeFunctions() {
    }

    /**
     * rate, increase and delta: the change over the window, corrected for counter resets, and
     * extrapolated towards the window's edges when the first/last samples lie within 1.1 average
     * sample intervals of them (otherwise by half an interval), never below a counter's zero point.
     * {@code resets} is {@link #resetCounts} over the same series, or null: a window without a
     * counter reset skips the per-sample scan, which would leave the same sum.
     */
    static double extrapolatedRate(long[] t, double[] v, int[] resets, int from, int to, long rangeStart,
                                   long rangeEnd, long rangeMs, boolean isCounter, boolean isRate,
                                   boolean prometheus2) {
        int samples = to - from;
        if (samples < 2) {
            return Absent.VALUE;
        }
        int last = to - 1;
        double result = v[last] - v[from];
        if (isCounter && (resets == null || resets[last] != resets[from])) {
            for (int i = from + 1; i < to; i++) {
                if (v[i] < v[i - 1]) {
                    result += v[i - 1];
                }
            }
        }
        double durationToStart = (t[from] - rangeStart) / 1000.0;
        double durationToEnd = (rangeEnd - t[last]) / 1000.0;
        double sampledInterval = (t[last] - t[from]) / 1000.0;
        double averageInterval = sampledInterval / (samples - 1);
        double threshold = averageInterval * 1.1;
        // Prometheus 2 clips to the counter's zero point before the threshold test, Prometheus 3 after.
        if (prometheus2) {
            durationToStart = clipToZeroPoint(v, from, result, sampledInterval, durationToStart, isCounter);
        }
        if (durationToStart >= threshold) {
            durationToStart = averageInterval / 2;
        }
        if (!prometheus2) {
            durationToStart = clipToZeroPoint(v, from, result, sampledInterval, durationToStart, isCounter);
        }
        if (durationToEnd >= threshold) {
            durationToEnd = averageInterval / 2;
        }
        double factor = sampledInterval != 0 ? (sampledInterval + durationToStart + durationToEnd) / sampledInterval : 1;
        if (isRate) {
            factor /= rangeMs / 1000.0;
        }
        return result * factor;
    }

    /**
     * Per index i of a series' first {@code size} values, how many counter resets ({@code v[j] <
     * v[j - 1]}, the test of {@link #extrapolatedRate}) there are at indexes 1..i: a window
     * [from, to) holds {@code resets[to - 1] - resets[from]} of them.
     */
    static int[] resetCounts(double[] v, int size) {
        int[] resets = new int[size];
        for (int i = 1; i < size; i++) {
            resets[i] = resets[i - 1] + (v[i] < v[i - 1] ? 1 : 0);
        }
        return resets;
    }

    /** A counter's extrapolation goes back no further than where it would have been zero. */
    private static double clipToZeroPoint(double[] v, int from, double result, double sampledInterval,
                                          double durationToStart, boolean isCounter) {
        if (isCounter && result > 0 && v[from] >= 0) {
            return Math.min(durationToStart, sampledInterval * (v[from] / result));
        }
        return durationToStart;
    }

    /** irate and idelta: from the last two samples; irate treats a drop as a counter reset. */
    static double instantRate(long[] t, double[] v, int from, int to, boolean isRate) {
        if (to - from < 2) {
            return Absent.VALUE;
        }
        int last = to - 1;
        int prev = to - 2;
        long interval = t[last] - t[prev];
        if (interval == 0) {
            return Absent.VALUE;
        }
        double result = isRate && v[last] < v[prev] ? v[last] : v[last] - v[prev];
        if (isRate) {
            result /= interval / 1000.0;
        }
        return result;
    }

    /** Least-squares slope and intercept (at {@code interceptTime}) with compensated sums. */
    static double[] linearRegression(long[] t, double[] v, int from, int to, long interceptTime) {
        double n = 0;
        Kahan sumX = new Kahan(0);
        Kahan sumY = new Kahan(0);
        Kahan sumXY = new Kahan(0);
        Kahan sumX2 = new Kahan(0);
        double initY = v[from];
        boolean constY = true;
        for (int i = from; i < to; i++) {
            if (constY && i > from && v[i] != initY) {
                constY = false;
            }
            n += 1;
            double x = (t[i] - interceptTime) / 1e3;
            sumX.add(x);
            sumY.add(v[i]);
            sumXY.add(x * v[i]);
            sumX2.add(x * x);
        }
        if (constY) {
            if (Double.isInfinite(initY)) {
                return new double[] {Double.NaN, Double.NaN};
            }
            return new double[] {0, initY};
        }
        double sx = sumX.value();
        double sy = sumY.value();
        double covXY = sumXY.value() - sx * sy / n;
        double varX = sumX2.value() - sx * sx / n;
        double slope = covXY / varX;
        double intercept = sy / n - slope * sx / n;
        return new double[] {slope, intercept};
    }

    static double deriv(long[] t, double[] v, int from, int to) {
        if (to - from < 2) {
            return Absent.VALUE;
        }
        return linearRegression(t, v, from, to, t[from])[0];
    }

    static double predictLinear(long[] t, double[] v, int from, int to, long stepTime, double seconds) {
        if (to - from < 2) {
            return Absent.VALUE;
        }
        double[] r = linearRegression(t, v, from, to, stepTime);
        return r[0] * seconds + r[1];
    }

    static double resets(double[] v, int from, int to) {
        int resets = 0;
        for (int i = from + 1; i < to; i++) {
            if (v[i] < v[i - 1]) {
                resets++;
            }
        }
        return resets;
    }

    static double changes(double[] v, int from, int to) {
        int changes = 0;
        for (int i = from + 1; i < to; i++) {
            double cur = v[i];
            double prev = v[i - 1];
            if (!(cur == prev || (Double.isNaN(cur) && Double.isNaN(prev)))) {
                changes++;
            }
        }
        return changes;
    }

    static double sum(double[] v, int from, int to) {
        Kahan k = new Kahan(0);
        for (int i = from; i < to; i++) {
            k.add(v[i]);
        }
        return Double.isInfinite(k.sum) ? k.sum : k.value();
    }

    static double extreme(double[] v, int from, int to, boolean max) {
        double best = v[from];
        for (int i = from; i < to; i++) {
            double x = v[i];
            if ((max ? x > best : x < best) || Double.isNaN(best)) {
                best = x;
            }
        }
        return best;
    }

    static double variance(double[] v, int from, int to) {
        double count = 0;
        Kahan mean = new Kahan(0);
        Kahan aux = new Kahan(0);
        for (int i = from; i < to; i++) {
            count++;
            double delta = v[i] - (mean.sum + mean.c);
            mean.add(delta / count);
            aux.add(delta * (v[i] - (mean.sum + mean.c)));
        }
        return (aux.sum + aux.c) / count;
    }

    static double quantile(double q, double[] v, int from, int to) {
        double[] copy = java.util.Arrays.copyOfRange(v, from, to);
        return Quantiles.quantile(q, copy, copy.length);
    }
}
