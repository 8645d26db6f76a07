package io.sightline.sample.load;

import java.util.Arrays;

/**
 * Finds the byte offsets of every log record's timestamp fields in an encoded
 * {@code ExportLogsServiceRequest} by walking the protobuf wire format along
 * {@code resource_logs(1) → scope_logs(2) → log_records(2) → time_unix_nano(1) /
 * observed_time_unix_nano(11)}. Field numbers are those of {@code opentelemetry/proto/logs/v1}.
 *
 * <p>Only fields that were written are found: protobuf omits a zero timestamp, so bodies must be
 * built with a non-zero one.
 */
final class TimestampLocator {

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LEN = 2;
    private static final int WIRE_FIXED32 = 5;

    private static final int REQUEST_RESOURCE_LOGS = 1;
    private static final int RESOURCE_LOGS_SCOPE_LOGS = 2;
    private static final int SCOPE_LOGS_LOG_RECORDS = 2;
    private static final int LOG_RECORD_TIME = 1;
    private static final int LOG_RECORD_OBSERVED_TIME = 11;

    /** Offsets of the 8-byte little-endian values, in record order. */
    record Offsets(int[] time, int[] observed) {}

    private TimestampLocator() {}

    static Offsets locate(byte[] request) {
        Collector c = new Collector();
        walk(request, 0, request.length, 0, c);
        return new Offsets(Arrays.copyOf(c.time, c.timeCount), Arrays.copyOf(c.observed, c.observedCount));
    }

    /** depth 0 = request, 1 = ResourceLogs, 2 = ScopeLogs, 3 = LogRecord. */
    private static void walk(byte[] b, int from, int to, int depth, Collector c) {
        int[] pos = {from};
        while (pos[0] < to) {
            long tag = readVarint(b, pos);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (wire) {
                case WIRE_VARINT -> readVarint(b, pos);
                case WIRE_FIXED64 -> {
                    if (depth == 3 && field == LOG_RECORD_TIME) {
                        c.addTime(pos[0]);
                    } else if (depth == 3 && field == LOG_RECORD_OBSERVED_TIME) {
                        c.addObserved(pos[0]);
                    }
                    pos[0] += 8;
                }
                case WIRE_LEN -> {
                    int length = (int) readVarint(b, pos);
                    int start = pos[0];
                    boolean descend = (depth == 0 && field == REQUEST_RESOURCE_LOGS)
                            || (depth == 1 && field == RESOURCE_LOGS_SCOPE_LOGS)
                            || (depth == 2 && field == SCOPE_LOGS_LOG_RECORDS);
                    if (descend) {
                        walk(b, start, start + length, depth + 1, c);
                    }
                    pos[0] = start + length;
                }
                case WIRE_FIXED32 -> pos[0] += 4;
                default -> throw new IllegalArgumentException(
                        "unsupported wire type " + wire + " at offset " + pos[0]);
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

    private static final class Collector {
        int[] time = new int[64];
        int[] observed = new int[64];
        int timeCount;
        int observedCount;

        void addTime(int offset) {
            if (timeCount == time.length) {
                time = Arrays.copyOf(time, time.length * 2);
            }
            time[timeCount++] = offset;
        }

        void addObserved(int offset) {
            if (observedCount == observed.length) {
                observed = Arrays.copyOf(observed, observed.length * 2);
            }
            observed[observedCount++] = offset;
        }
    }
}
