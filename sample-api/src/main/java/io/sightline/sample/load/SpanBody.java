package io.sightline.sample.load;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One pre-encoded span request (OTLP protobuf or Zipkin v2 JSON) and where its ids and times sit,
 * so that a send costs a copy and a few thousand small writes instead of building and encoding
 * the spans: {@link #stamp} gives every trace a new id and every span a new id (each XORed with a
 * per-send mask, so traces and parent links stay as they were) and moves each trace to a new start
 * time, keeping its spans' offsets within it.
 *
 * <p>OTLP holds ids as raw bytes and times as {@code fixed64} nanoseconds; Zipkin JSON as
 * lower-case hex and as 16-digit microseconds (every time from 2001-09-09 to 2286 has 16 digits),
 * so both are overwritten in place at a fixed width. Immutable and thread-safe; {@link #stamp}
 * writes only into the caller's buffer.
 */
final class SpanBody {

    /** How the body is encoded. */
    enum Format {
        /** {@code ExportTraceServiceRequest} protobuf, to OTLP/HTTP {@code /v1/traces}. */
        OTLP,
        /** A Zipkin v2 JSON array of spans, to {@code /api/v2/spans}. */
        ZIPKIN
    }

    private static final VarHandle LONG_BE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long MIN_16_DIGITS = 1_000_000_000_000_000L;
    private static final long MAX_16_DIGITS = 9_999_999_999_999_999L;

    final Format format;
    private final byte[] bytes;
    private final int spans;
    private final long[] traceIdHigh;
    private final long[] traceIdLow;
    private final long[] traceLength;
    private final int[] spansBefore;
    private final Sites sites;

    /**
     * Where the ids and times sit. Trace ids: {@code traceIdAt[i]} holds the id of trace
     * {@code traceIdTrace[i]}. Span ids (own and parent): {@code spanIdAt[i]} holds
     * {@code spanIdValue[i]}. Times: {@code timeAt[i]} holds trace {@code timeTrace[i]}'s start
     * plus {@code timeOffset[i]} nanoseconds.
     */
    record Sites(int[] traceIdAt, int[] traceIdTrace, int[] spanIdAt, long[] spanIdValue, int[] timeAt,
            int[] timeTrace, long[] timeOffset) {}

    SpanBody(Format format, byte[] bytes, List<GeneratedTrace> traces, Sites sites) {
        this.format = format;
        this.bytes = bytes;
        this.sites = sites;
        int n = traces.size();
        this.traceIdHigh = new long[n];
        this.traceIdLow = new long[n];
        this.traceLength = new long[n];
        this.spansBefore = new int[n];
        int count = 0;
        for (int t = 0; t < n; t++) {
            GeneratedTrace trace = traces.get(t);
            traceIdHigh[t] = trace.traceIdHigh();
            traceIdLow[t] = trace.traceIdLow();
            traceLength[t] = trace.lengthNanos();
            spansBefore[t] = count;
            count += trace.spans().size();
        }
        this.spans = count;
    }

    int length() {
        return bytes.length;
    }

    int spans() {
        return spans;
    }

    int traces() {
        return traceLength.length;
    }

    /** Nanoseconds from trace {@code t}'s start to the end of its last span. */
    long traceLengthNanos(int t) {
        return traceLength[t];
    }

    /** Spans of the traces before trace {@code t} in this body. */
    int spansBefore(int t) {
        return spansBefore[t];
    }

    /** Trace {@code t}'s id after {@link #stamp} with {@code mask}, as 32 lower-case hex digits. */
    String traceIdHex(int t, IdMask mask) {
        return String.format("%016x%016x", traceIdHigh[t] ^ mask.traceHigh(), traceIdLow[t] ^ mask.traceLow());
    }

    /** The body as built, unpatched (for tests). */
    byte[] original() {
        return bytes.clone();
    }

    /**
     * Copies the body into {@code buffer} (at least {@link #length()} long), XORs every id with
     * {@code mask} and starts trace {@code t} at {@code traceStartNanos[t]} (Unix nanoseconds).
     *
     * @return the number of bytes written
     */
    int stamp(byte[] buffer, IdMask mask, long[] traceStartNanos) {
        System.arraycopy(bytes, 0, buffer, 0, bytes.length);
        int[] at = sites.traceIdAt();
        int[] of = sites.traceIdTrace();
        for (int i = 0; i < at.length; i++) {
            long high = traceIdHigh[of[i]] ^ mask.traceHigh();
            long low = traceIdLow[of[i]] ^ mask.traceLow();
            if (format == Format.OTLP) {
                LONG_BE.set(buffer, at[i], high);
                LONG_BE.set(buffer, at[i] + 8, low);
            } else {
                hex(buffer, at[i], high);
                hex(buffer, at[i] + 16, low);
            }
        }
        int[] spanAt = sites.spanIdAt();
        long[] spanValue = sites.spanIdValue();
        for (int i = 0; i < spanAt.length; i++) {
            long id = spanValue[i] ^ mask.span();
            if (format == Format.OTLP) {
                LONG_BE.set(buffer, spanAt[i], id);
            } else {
                hex(buffer, spanAt[i], id);
            }
        }
        int[] timeAt = sites.timeAt();
        int[] timeTrace = sites.timeTrace();
        long[] timeOffset = sites.timeOffset();
        for (int i = 0; i < timeAt.length; i++) {
            long nanos = traceStartNanos[timeTrace[i]] + timeOffset[i];
            if (format == Format.OTLP) {
                LONG_LE.set(buffer, timeAt[i], nanos);
            } else {
                micros16(buffer, timeAt[i], nanos / 1_000);
            }
        }
        return bytes.length;
    }

    private static void hex(byte[] b, int at, long v) {
        for (int i = 15; i >= 0; i--) {
            b[at + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
    }

    /** Writes a 16-digit decimal; Zipkin times outside 2001-2286 cannot be patched in place. */
    static void micros16(byte[] b, int at, long micros) {
        if (micros < MIN_16_DIGITS || micros > MAX_16_DIGITS) {
            throw new IllegalArgumentException("a Zipkin time must have 16 digits of microseconds: " + micros);
        }
        for (int i = 15; i >= 0; i--) {
            b[at + i] = (byte) ('0' + micros % 10);
            micros /= 10;
        }
    }

    /**
     * The XOR masks of one send: derived from the seed and the send's index by SplitMix64's
     * finaliser, so every send of a run gets its own trace and span ids, the same in every run.
     * A masked id is 0 only when the id equals the mask (a 2^-64 chance a span).
     */
    record IdMask(long traceHigh, long traceLow, long span) {
        static IdMask of(long seed, long sendIndex) {
            long base = seed * 0x9E3779B97F4A7C15L + sendIndex * 0xBF58476D1CE4E5B9L;
            return new IdMask(mix(base + 1), mix(base + 2), mix(base + 3));
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
