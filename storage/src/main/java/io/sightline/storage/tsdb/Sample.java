package io.sightline.storage.tsdb;

/**
 * Stale markers: the special NaN Prometheus writes when a series disappears, which queries treat as
 * "no value from here on" rather than as a value. Distinct from an ordinary NaN by its bits.
 */
public final class Sample {
    /** The bits of Prometheus's stale NaN (value.StaleNaN). */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    public static final double STALE_NAN = Double.longBitsToDouble(STALE_NAN_BITS);

    private Sample() {
    }

    public static boolean isStaleMarker(double value) {
        return Double.doubleToRawLongBits(value) == STALE_NAN_BITS;
    }
}
