package io.sightline.query.promql.engine;

/**
 * Marks "no sample at this step" inside a step-indexed {@code double[]}: a quiet NaN with a payload
 * no arithmetic produces (Java's own NaNs are 0x7ff8000000000000) and that Prometheus never sends
 * (its NaN is ...0001, its stale marker ...0002). Keeping presence inside the values array keeps
 * one primitive array per series and no boxing; every reader checks {@link #is(double)} before
 * using a value.
 */
final class Absent {
    static final long BITS = 0x7ff8_5157_4c00_0a5eL;
    static final double VALUE = Double.longBitsToDouble(BITS);

    private Absent() {
    }

    static boolean is(double v) {
        return Double.doubleToRawLongBits(v) == BITS;
    }

    static double[] array(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, VALUE);
        return a;
    }
}
