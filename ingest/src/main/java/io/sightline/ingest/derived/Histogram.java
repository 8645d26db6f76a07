package io.sightline.ingest.derived;

/**
 * One cumulative explicit-bucket histogram series: a count per bucket (bucket {@code i} holds values
 * in {@code (bounds[i-1], bounds[i]]}, the last one values above every bound, as Prometheus's
 * {@code le} and the spanmetrics connector's binary search place them), their sum and count. Never
 * reset: the series is cumulative from the applier's start. Not thread-safe.
 */
final class Histogram {
    private final double[] bounds;
    private final long[] buckets;
    private double sum;
    private long count;

    /** @param bounds upper bounds in seconds, strictly increasing (shared, not copied) */
    Histogram(double[] bounds) {
        this.bounds = bounds;
        this.buckets = new long[bounds.length + 1];
    }

    void observe(double value) {
        buckets[bucketOf(bounds, value)]++;
        sum += value;
        count++;
    }

    /** The index of the first bound at or above {@code value}; {@code bounds.length} when none is. */
    static int bucketOf(double[] bounds, double value) {
        int low = 0;
        int high = bounds.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (bounds[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    double[] bounds() {
        return bounds;
    }

    /** Values in bucket {@code i} alone (not cumulative). */
    long bucket(int i) {
        return buckets[i];
    }

    double sum() {
        return sum;
    }

    long count() {
        return count;
    }
}
