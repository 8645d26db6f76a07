package io.sightline.ingest.export;

import com.google.protobuf.ByteString;

/**
 * The keep-or-drop decision of a trace, made from its trace id alone, as OpenTelemetry's consistent
 * probability sampling makes it (specification "TraceState: Probability Sampling"; the collector's
 * {@code probabilisticsampler} in its {@code proportional} and {@code equalizing} modes, through
 * {@code pkg/sampling}): the randomness {@code R} is the rightmost 56 bits of the 16-byte trace id
 * (bytes 9 to 15, big-endian), the rejection threshold is {@code T = 2^56 - round(ratio × 2^56)},
 * and a trace is kept when {@code R >= T}. Every span of a trace therefore gets the same answer in
 * every batch, after restarts and on every instance with the same ratio, and a collector sampling
 * the same ratio downstream keeps exactly these traces. Ratio 1 keeps everything ({@code T = 0}),
 * ratio 0 and ratios below 2^-57 keep nothing ({@code T = 2^56}).
 *
 * <p>A trace id that is not 16 bytes (the receivers refuse those, so only a foreign WAL has them)
 * counts as randomness 0: kept only at ratio 1. Immutable; thread-safe.
 */
final class TraceIdRatio {
    /** 2^56: the randomness is 56 bits (W3C trace context level 2 makes the last 7 bytes random). */
    static final long MAX_ADJUSTED_COUNT = 1L << 56;
    private static final int TRACE_ID_BYTES = 16;
    private static final int RANDOM_BYTES = 7;

    private final long threshold;

    TraceIdRatio(double ratio) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("trace sample ratio must be within [0, 1], was " + ratio);
        }
        this.threshold = MAX_ADJUSTED_COUNT - Math.round(ratio * MAX_ADJUSTED_COUNT);
    }

    /** The rejection threshold {@code T}, in [0, 2^56]. */
    long threshold() {
        return threshold;
    }

    /** Whether the trace with this id is kept. */
    boolean keeps(ByteString traceId) {
        return randomness(traceId) >= threshold;
    }

    /** {@code R}: the rightmost 56 bits of a 16-byte trace id, else 0. */
    static long randomness(ByteString traceId) {
        if (traceId.size() != TRACE_ID_BYTES) {
            return 0;
        }
        long r = 0;
        for (int i = TRACE_ID_BYTES - RANDOM_BYTES; i < TRACE_ID_BYTES; i++) {
            r = r << 8 | (traceId.byteAt(i) & 0xFF);
        }
        return r;
    }
}
