package io.sightline.sample.load;

/**
 * When each request of a paced run is due, as an offset from the start of the run.
 *
 * <p>Request {@code i} is due at {@code i * batch / rate} seconds, computed from {@code i} each
 * time rather than by adding an interval to the previous send, so that a late send never shifts
 * the ones after it (no drift). Senders measure latency from this due time, not from when they
 * managed to send, so a stalled server is charged for the requests it kept waiting (no
 * coordinated omission; Gil Tene, "How NOT to Measure Latency", and wrk2 do the same).
 *
 * <p>A rate of 0 means unpaced: every request is due at once and latency is measured from the
 * actual send. Immutable and thread-safe.
 */
final class SendSchedule {

    private final long durationNanos;
    private final long maxRequests;
    /** Nanoseconds between due times; 0 when unpaced. A double keeps sub-nanosecond intervals. */
    private final double intervalNanos;

    /**
     * @param recordsPerSecond target rate; 0 = as fast as possible
     * @param batch records per request, at least 1
     * @param durationNanos length of the run; requests due at or after it are not sent
     * @param maxRequests upper bound on the request count; 0 = bounded by time only
     */
    SendSchedule(long recordsPerSecond, int batch, long durationNanos, long maxRequests) {
        if (recordsPerSecond < 0 || batch < 1 || durationNanos <= 0 || maxRequests < 0) {
            throw new IllegalArgumentException("rate " + recordsPerSecond + ", batch " + batch
                    + ", duration " + durationNanos + " ns, max requests " + maxRequests);
        }
        this.durationNanos = durationNanos;
        this.maxRequests = maxRequests;
        this.intervalNanos = recordsPerSecond == 0 ? 0 : batch * 1e9 / recordsPerSecond;
    }

    /**
     * A schedule with requests {@code intervalNanos} apart (0 = unpaced), for senders whose
     * requests differ in size: the metrics load paces each sender by whole simulated scrapes.
     */
    SendSchedule(double intervalNanos, long durationNanos, long maxRequests) {
        if (!(intervalNanos >= 0) || durationNanos <= 0 || maxRequests < 0) {
            throw new IllegalArgumentException("interval " + intervalNanos + " ns, duration " + durationNanos
                    + " ns, max requests " + maxRequests);
        }
        this.durationNanos = durationNanos;
        this.maxRequests = maxRequests;
        this.intervalNanos = intervalNanos;
    }

    boolean paced() {
        return intervalNanos > 0;
    }

    /** Offset from the start at which request {@code index} (from 0) is due. */
    long dueNanos(long index) {
        return Math.round(index * intervalNanos);
    }

    /** Whether request {@code index} belongs to the run at all. */
    boolean includes(long index) {
        if (maxRequests > 0 && index >= maxRequests) {
            return false;
        }
        return dueNanos(index) < durationNanos;
    }

    /**
     * How many requests fall due in the first {@code elapsedNanos} of the run, within the run's
     * bounds; -1 when unpaced (then nothing is "due", requests go as fast as they can).
     */
    long dueBy(long elapsedNanos) {
        if (!paced()) {
            return -1;
        }
        long window = Math.min(elapsedNanos, durationNanos);
        if (window <= 0) {
            return 0;
        }
        // Requests 0..k-1 have dueNanos < window; start from the estimate and correct for rounding.
        long k = (long) Math.ceil(window / intervalNanos);
        while (k > 0 && dueNanos(k - 1) >= window) {
            k--;
        }
        while (dueNanos(k) < window) {
            k++;
        }
        return maxRequests > 0 ? Math.min(k, maxRequests) : k;
    }

    long durationNanos() {
        return durationNanos;
    }
}
