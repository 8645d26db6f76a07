package io.sightline.ingest.otlp;

import java.util.Arrays;

/**
 * An exponential histogram's counts, brought to a scale classic Prometheus buckets can carry, and
 * their conversion to cumulative {@code le} buckets so {@code histogram_quantile} works on them.
 *
 * <p>At scale {@code s} bucket {@code i} holds values in {@code (2^(i·2^-s), 2^((i+1)·2^-s)]}; its
 * upper bound becomes an {@code le}. Downscaling by one merges buckets {@code 2i} and {@code 2i+1}
 * into {@code i} (OTel data model), and every bound of scale {@code s-1} is a bound of scale {@code
 * s}: an {@code le} series keeps its meaning (count of values at or below it) whatever scale later
 * points arrive at. The scale is lowered to at most {@code maxScale}, then further until the
 * buckets from the lowest to the highest populated one (negative and positive together) number at
 * most {@code maxBuckets}. Negative buckets become negative bounds, the zero bucket
 * {@code le = zero_threshold}. Mutable; not thread-safe.
 */
final class ExponentialBuckets {
    int scale;
    double zeroThreshold;
    long zeroCount;
    int positiveOffset;
    long[] positive;
    int negativeOffset;
    long[] negative;
    long count;
    double sum;
    boolean hasSum;

    /** Receives one cumulative bucket. */
    interface BucketSink {
        void bucket(double upperBound, long cumulativeCount);
    }

    /** A point's buckets as sent (the arrays are taken, not copied); {@link #fit} brings them to scale. */
    static ExponentialBuckets of(int scale, double zeroThreshold, long zeroCount, int positiveOffset, long[] positive,
                                 int negativeOffset, long[] negative, long count, double sum, boolean hasSum) {
        ExponentialBuckets buckets = new ExponentialBuckets();
        buckets.scale = scale;
        buckets.zeroThreshold = zeroThreshold;
        buckets.zeroCount = zeroCount;
        buckets.positiveOffset = positiveOffset;
        buckets.positive = positive;
        buckets.negativeOffset = negativeOffset;
        buckets.negative = negative;
        buckets.count = count;
        buckets.sum = sum;
        buckets.hasSum = hasSum;
        return buckets;
    }

    /** Adds {@code other}'s counts (a delta) to these, at the lower of the two scales. */
    void add(ExponentialBuckets other, int maxBuckets) {
        int target = Math.min(scale, other.scale);
        downscale(scale - target);
        ExponentialBuckets addend = other.copy();
        addend.downscale(addend.scale - target);
        positiveOffset = merge(positiveOffset, positive, addend.positiveOffset, addend.positive, true);
        negativeOffset = merge(negativeOffset, negative, addend.negativeOffset, addend.negative, false);
        zeroCount += addend.zeroCount;
        zeroThreshold = Math.max(zeroThreshold, addend.zeroThreshold);
        count += addend.count;
        sum += addend.sum;
        hasSum &= addend.hasSum;
        fit(scale, maxBuckets);
    }

    /** Lowers the scale to {@code maxScale} and until the populated range fits {@code maxBuckets}. */
    void fit(int maxScale, int maxBuckets) {
        if (scale > maxScale) {
            downscale(scale - maxScale);
        }
        while (span(positive) + span(negative) > maxBuckets && scale > -10) {
            downscale(1);
        }
    }

    /** Emits the cumulative buckets in increasing {@code le} order, ending with {@code +Inf}. */
    void emit(BucketSink sink) {
        long cumulative = 0;
        int negFirst = first(negative);
        int negLast = last(negative);
        for (int i = negLast; i >= negFirst && negFirst >= 0; i--) {
            cumulative += negative[i];
            sink.bucket(-bound(negativeOffset + i, scale), cumulative);
        }
        int posFirst = first(positive);
        int posLast = last(positive);
        long zero = zeroCount;
        // Positive buckets at or below the zero threshold would repeat its le: fold them into it.
        while (posFirst >= 0 && posFirst <= posLast && bound(positiveOffset + posFirst + 1, scale) <= zeroThreshold) {
            zero += positive[posFirst];
            posFirst++;
        }
        if (zero > 0 || negFirst >= 0) {
            cumulative += zero;
            sink.bucket(Math.max(0, zeroThreshold), cumulative);
        }
        for (int i = posFirst; i <= posLast && posFirst >= 0; i++) {
            cumulative += positive[i];
            sink.bucket(bound(positiveOffset + i + 1, scale), cumulative);
        }
        sink.bucket(Double.POSITIVE_INFINITY, Math.max(count, cumulative));
    }

    /**
     * {@code 2^(index · 2^-scale)}: a power of two times {@code 2^(r/2^scale)} for the fraction's
     * remainder r, so a bound has the same bits at every scale that has it (2^1.5 = 2 · 2^0.5).
     */
    static double bound(int index, int scale) {
        if (scale <= 0) {
            return Math.scalb(1.0, index << -scale);
        }
        int perDoubling = 1 << scale;
        int whole = Math.floorDiv(index, perDoubling);
        int remainder = Math.floorMod(index, perDoubling);
        return remainder == 0 ? Math.scalb(1.0, whole)
                : Math.scalb(StrictMath.pow(2, (double) remainder / perDoubling), whole);
    }

    private ExponentialBuckets copy() {
        ExponentialBuckets copy = new ExponentialBuckets();
        copy.scale = scale;
        copy.zeroThreshold = zeroThreshold;
        copy.zeroCount = zeroCount;
        copy.positiveOffset = positiveOffset;
        copy.positive = positive.clone();
        copy.negativeOffset = negativeOffset;
        copy.negative = negative.clone();
        copy.count = count;
        copy.sum = sum;
        copy.hasSum = hasSum;
        return copy;
    }

    private void downscale(int by) {
        if (by <= 0) {
            return;
        }
        long[][] result = new long[1][];
        positiveOffset = downscale(positiveOffset, positive, by, result);
        positive = result[0];
        negativeOffset = downscale(negativeOffset, negative, by, result);
        negative = result[0];
        scale -= by;
    }

    private static int downscale(int offset, long[] counts, int by, long[][] result) {
        if (counts.length == 0) {
            result[0] = counts;
            return offset >> by;
        }
        int newOffset = offset >> by;
        int newLast = (offset + counts.length - 1) >> by;
        long[] merged = new long[newLast - newOffset + 1];
        for (int i = 0; i < counts.length; i++) {
            merged[((offset + i) >> by) - newOffset] += counts[i];
        }
        result[0] = merged;
        return newOffset;
    }

    /** Adds {@code b} into the receiver's array (replacing it as needed); returns the new offset. */
    private int merge(int offsetA, long[] a, int offsetB, long[] b, boolean positiveSide) {
        if (b.length == 0) {
            return offsetA;
        }
        if (a.length == 0) {
            setSide(positiveSide, b.clone());
            return offsetB;
        }
        int start = Math.min(offsetA, offsetB);
        int end = Math.max(offsetA + a.length, offsetB + b.length);
        long[] merged = new long[end - start];
        for (int i = 0; i < a.length; i++) {
            merged[offsetA - start + i] += a[i];
        }
        for (int i = 0; i < b.length; i++) {
            merged[offsetB - start + i] += b[i];
        }
        setSide(positiveSide, merged);
        return start;
    }

    private void setSide(boolean positiveSide, long[] counts) {
        if (positiveSide) {
            positive = counts;
        } else {
            negative = counts;
        }
    }

    private static int span(long[] counts) {
        int first = first(counts);
        return first < 0 ? 0 : last(counts) - first + 1;
    }

    private static int first(long[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    private static int last(long[] counts) {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "scale " + scale + " zero " + zeroCount + " +" + positiveOffset + Arrays.toString(positive) + " -"
                + negativeOffset + Arrays.toString(negative);
    }
}
