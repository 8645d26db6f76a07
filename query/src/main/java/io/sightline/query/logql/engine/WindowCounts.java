package io.sightline.query.logql.engine;

import java.util.Arrays;

import io.sightline.query.logql.parser.RangeOp;
import io.sightline.storage.tsdb.Labels;

/**
 * Lines and bytes per step window of one series, fed samples in any order: each sample adds to the
 * steps whose window (t − offset − range, t − offset] holds it, as a difference at the first such
 * step and one past the last, so a sample costs two binary searches and nothing is kept of it.
 * Serves the range aggregations that only count or sum sizes; integer sums, so exact. Not
 * thread-safe.
 */
final class WindowCounts {
    private final long[] times;
    private final long offset;
    private final long range;
    private final long[] lineDiffs;
    private final long[] byteDiffs;

    /** @param times the evaluation times, ascending (nanoseconds) */
    WindowCounts(long[] times, long offset, long range) {
        this.times = times;
        this.offset = offset;
        this.range = range;
        this.lineDiffs = new long[times.length + 1];
        this.byteDiffs = new long[times.length + 1];
    }

    void add(long timeNanos, int bytes) {
        // Steps T with T − offset ≥ t and T − offset − range < t: T in [t + offset, t + offset + range).
        int first = firstAtOrAfter(timeNanos + offset);
        int end = firstAtOrAfter(timeNanos + offset + range);
        if (first < end) {
            lineDiffs[first]++;
            lineDiffs[end]--;
            byteDiffs[first] += bytes;
            byteDiffs[end] -= bytes;
        }
    }

    private int firstAtOrAfter(long t) {
        int i = Arrays.binarySearch(times, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && times[i - 1] == t) {
            i--;
        }
        return i;
    }

    /** Lines in each step's window. */
    long[] lines() {
        return prefixSums(lineDiffs);
    }

    /** The op's value at each step with a line in its window; a step without one has no sample. */
    StepSeries series(Labels labels, RangeOp op) {
        long[] lines = lines();
        long[] bytes = prefixSums(byteDiffs);
        double rangeSeconds = range / 1e9;
        StepSeries s = new StepSeries(labels, times.length);
        for (int step = 0; step < times.length; step++) {
            if (lines[step] > 0) {
                s.set(step, switch (op) {
                    case COUNT_OVER_TIME -> lines[step];
                    case RATE -> lines[step] / rangeSeconds;
                    case BYTES_OVER_TIME -> bytes[step];
                    case BYTES_RATE -> bytes[step] / rangeSeconds;
                    default -> throw new IllegalArgumentException(op + " needs the samples themselves");
                });
            }
        }
        return s;
    }

    private long[] prefixSums(long[] diffs) {
        long[] sums = new long[times.length];
        long running = 0;
        for (int i = 0; i < times.length; i++) {
            running += diffs[i];
            sums[i] = running;
        }
        return sums;
    }

    /** Whether {@code op} is one this class answers. */
    static boolean answers(RangeOp op) {
        return switch (op) {
            case COUNT_OVER_TIME, RATE, BYTES_OVER_TIME, BYTES_RATE, ABSENT_OVER_TIME -> true;
            default -> false;
        };
    }
}
