package io.sightline.sample.load;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed-size, log-linear histogram of latencies in nanoseconds, so that a run of any length
 * costs the same memory (about 18 KB) and recording is lock-free.
 *
 * <p>Values below {@value #SUB_BUCKETS} ns are counted exactly; above that each power of two is
 * split into {@value #SUB_BUCKETS} equal buckets, so a reported percentile is at most 1/64
 * (about 1.6 %) above the true value. This is the layout HdrHistogram uses with two significant
 * decimal digits, reduced to what a load report needs. Values above {@link #MAX_TRACKED_NANOS}
 * (about 18 minutes) land in the last bucket; the exact maximum is kept separately.
 *
 * <p>Thread-safe: any number of threads may {@link #record} while another reads. Public because
 * the HTTP load generator ({@code io.sightline.sample.httpload}) measures with it too.
 */
public final class LatencyHistogram {

    /** Buckets per power of two; 64 bounds the relative error of a percentile at 1/64. */
    static final int SUB_BUCKETS = 64;

    private static final int SUB_BITS = Integer.numberOfTrailingZeros(SUB_BUCKETS);

    /** Exponent of the largest power of two tracked with full precision: 2^40 ns ≈ 18.3 min. */
    private static final int MAX_EXPONENT = 40;

    static final long MAX_TRACKED_NANOS = (1L << (MAX_EXPONENT + 1)) - 1;

    private static final int BUCKET_COUNT = bucketIndex(MAX_TRACKED_NANOS) + 1;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKET_COUNT);
    private final LongAdder total = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    /** Records one latency; negative values (a clock oddity) count as zero. */
    public void record(long nanos) {
        long value = Math.max(0, nanos);
        counts.incrementAndGet(bucketIndex(Math.min(value, MAX_TRACKED_NANOS)));
        total.increment();
        max.accumulate(value);
    }

    public long count() {
        return total.sum();
    }

    /** The largest recorded value, exactly; 0 when empty. */
    public long maxNanos() {
        return max.get();
    }

    /**
     * The nearest-rank percentile: the smallest bucket bound {@code v} such that at least
     * {@code ceil(p/100 * count)} recorded values are {@code <= v}, never above the exact maximum.
     *
     * @param percentile in (0, 100]
     * @return nanoseconds; 0 when nothing was recorded
     */
    public long percentileNanos(double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + percentile);
        }
        long n = 0;
        long[] snapshot = new long[BUCKET_COUNT];
        for (int i = 0; i < BUCKET_COUNT; i++) {
            snapshot[i] = counts.get(i);
            n += snapshot[i];
        }
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(percentile / 100.0 * n);
        long seen = 0;
        for (int i = 0; i < BUCKET_COUNT; i++) {
            seen += snapshot[i];
            if (seen >= Math.max(1, rank)) {
                // the last bucket also holds everything above the tracked range: only the max is known
                return i == BUCKET_COUNT - 1 ? maxNanos() : Math.min(bucketUpperBound(i), maxNanos());
            }
        }
        return maxNanos();
    }

    /** Adds every count of {@code other} to this histogram. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKET_COUNT; i++) {
            long c = other.counts.get(i);
            if (c != 0) {
                counts.addAndGet(i, c);
            }
        }
        total.add(other.count());
        max.accumulate(other.maxNanos());
    }

    static int bucketIndex(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value); // >= SUB_BITS
        int shift = exponent - SUB_BITS;
        int sub = (int) (value >>> shift) & (SUB_BUCKETS - 1);
        return (shift + 1) * SUB_BUCKETS + sub;
    }

    /** The largest value that falls into bucket {@code index}. */
    static long bucketUpperBound(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int shift = index / SUB_BUCKETS - 1;
        long sub = index % SUB_BUCKETS;
        return ((SUB_BUCKETS + sub + 1) << shift) - 1;
    }
}
