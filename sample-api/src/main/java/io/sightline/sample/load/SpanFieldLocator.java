package io.sightline.sample.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds, in an encoded {@code ExportTraceServiceRequest}, where each span's ids and times sit, by
 * walking the protobuf wire format along {@code resource_spans(1) → scope_spans(2) → spans(2)}: the
 * span's {@code trace_id(1)}, {@code span_id(2)} and {@code parent_span_id(4)} bytes, its
 * {@code start_time_unix_nano(7)} and {@code end_time_unix_nano(8)} ({@code fixed64}), and each
 * {@code events(11)}' {@code time_unix_nano(1)}. Field numbers are those of
 * {@code opentelemetry/proto/trace/v1/trace.proto}. Stateless.
 */
final class SpanFieldLocator {

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LEN = 2;
    private static final int WIRE_FIXED32 = 5;

    private static final int DEPTH_SPAN = 3;
    private static final int DEPTH_EVENT = 4;

    /**
     * One span's sites, in the order the spans appear on the wire; offsets point at the first of
     * the id's bytes or the 8 bytes of a time; {@code parentIdAt} is -1 for a root.
     */
    record Located(int traceIdAt, int spanIdAt, int parentIdAt, int startAt, int endAt, int[] eventTimeAt) {}

    private SpanFieldLocator() {}

    /** @throws IllegalArgumentException for a malformed body or a span without ids or times */
    static List<Located> locate(byte[] request) {
        List<Located> out = new ArrayList<>();
        walk(request, 0, request.length, 0, out, null);
        return out;
    }

    /** depth 0 = request, 1 = ResourceSpans, 2 = ScopeSpans, 3 = Span, 4 = Event. */
    private static void walk(byte[] b, int from, int to, int depth, List<Located> out, Draft span) {
        int[] pos = {from};
        while (pos[0] < to) {
            long tag = readVarint(b, pos);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (wire) {
                case WIRE_VARINT -> readVarint(b, pos);
                case WIRE_FIXED64 -> {
                    if (depth == DEPTH_SPAN && field == 7) {
                        span.startAt = pos[0];
                    } else if (depth == DEPTH_SPAN && field == 8) {
                        span.endAt = pos[0];
                    } else if (depth == DEPTH_EVENT && field == 1) {
                        span.events.add(pos[0]);
                    }
                    pos[0] += 8;
                }
                case WIRE_LEN -> {
                    int length = (int) readVarint(b, pos);
                    int start = pos[0];
                    if ((depth == 0 && field == 1) || (depth == 1 && field == 2)) {
                        walk(b, start, start + length, depth + 1, out, null);
                    } else if (depth == 2 && field == 2) {
                        Draft d = new Draft();
                        walk(b, start, start + length, DEPTH_SPAN, out, d);
                        out.add(d.located());
                    } else if (depth == DEPTH_SPAN && field == 11) {
                        walk(b, start, start + length, DEPTH_EVENT, out, span);
                    } else if (depth == DEPTH_SPAN && (field == 1 || field == 2 || field == 4)) {
                        span.id(field, start, length);
                    }
                    pos[0] = start + length;
                }
                case WIRE_FIXED32 -> pos[0] += 4;
                default -> throw new IllegalArgumentException("unsupported wire type " + wire + " at offset " + pos[0]);
            }
        }
        if (pos[0] != to) {
            throw new IllegalArgumentException("message overruns its length at depth " + depth);
        }
    }

    private static long readVarint(byte[] b, int[] pos) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte x = b[pos[0]++];
            value |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint before offset " + pos[0]);
    }

    private static final class Draft {
        int traceIdAt = -1;
        int spanIdAt = -1;
        int parentIdAt = -1;
        int startAt = -1;
        int endAt = -1;
        final List<Integer> events = new ArrayList<>(1);

        void id(int field, int at, int length) {
            int expected = field == 1 ? 16 : 8;
            if (length != expected) {
                throw new IllegalArgumentException("span field " + field + " has " + length + " bytes, not " + expected);
            }
            switch (field) {
                case 1 -> traceIdAt = at;
                case 2 -> spanIdAt = at;
                default -> parentIdAt = at;
            }
        }

        Located located() {
            if (traceIdAt < 0 || spanIdAt < 0 || startAt < 0 || endAt < 0) {
                throw new IllegalArgumentException("a span without trace id, span id, start or end time");
            }
            int[] e = events.stream().mapToInt(Integer::intValue).toArray();
            return new Located(traceIdAt, spanIdAt, parentIdAt, startAt, endAt, Arrays.copyOf(e, e.length));
        }
    }
}
