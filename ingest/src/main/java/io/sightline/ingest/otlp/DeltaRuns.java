package io.sightline.ingest.otlp;

import java.util.HashMap;
import java.util.Map;

import io.sightline.ingest.prometheus.ByteKey;

/**
 * Running totals that turn delta-temporality points into the cumulative values Prometheus expects,
 * one run per series family (keyed by the label block of its base series). The rule, per point:
 * <ul>
 *   <li>no run yet: a new run starts with the point's values;
 *   <li>the point starts at or after the run's end (start = end: the next interval; start &gt; end: a
 *       gap, whose data never arrived): its values are added;
 *   <li>the point ends at or before the run's end: it is a repeat or out of order, and is rejected;
 *   <li>the point starts before the run's end but ends after it (the sender restarted): a new run
 *       starts, which Prometheus's {@code rate()} sees as a counter reset when the total drops.
 * </ul>
 * Runs idle for {@code idleMillis} are dropped. Not thread-safe: callers hold {@link #lock()}.
 */
final class DeltaRuns {
    private final Map<ByteKey, Run> runs = new HashMap<>();
    private final ByteKey probe = new ByteKey();
    private final long idleMillis;
    private long lastSweepMillis;

    DeltaRuns(long idleMillis) {
        this.idleMillis = idleMillis;
    }

    Object lock() {
        return runs;
    }

    int size() {
        return runs.size();
    }

    /** The run of the family keyed by {@code key}, or null. */
    Run find(byte[] key, int offset, int length, long nowMillis) {
        if (nowMillis - lastSweepMillis >= Math.min(idleMillis, 60_000)) {
            lastSweepMillis = nowMillis;
            runs.values().removeIf(run -> nowMillis - run.lastSeenMillis >= idleMillis);
        }
        return runs.get(probe.wrap(key, offset, length));
    }

    void put(byte[] key, int offset, int length, Run run) {
        runs.put(ByteKey.copyOf(key, offset, length), run);
    }

    /** What a delta point does to a run (see the class comment). */
    enum Step { START, ADD, REJECT }

    static Step step(Run run, long startNanos, long timeNanos) {
        if (run == null) {
            return Step.START;
        }
        if (timeNanos <= run.endNanos) {
            return Step.REJECT;
        }
        return startNanos >= run.endNanos ? Step.ADD : Step.START;
    }

    /** A family's totals so far. */
    abstract static class Run {
        long endNanos;
        long lastSeenMillis;
    }

    static final class SumRun extends Run {
        double total;
    }

    static final class HistogramRun extends Run {
        /** The explicit bounds of the run's points; a point with other bounds starts a new run. */
        double[] bounds;
        long[] counts;
        long count;
        double sum;
        boolean hasSum;
    }

    static final class ExponentialRun extends Run {
        ExponentialBuckets buckets;
    }
}
