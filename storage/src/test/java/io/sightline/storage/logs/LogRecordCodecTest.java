package io.sightline.storage.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.lucene.store.ByteBuffersDataOutput;
import org.junit.jupiter.api.Test;

class LogRecordCodecTest {
    private static final long TIME = 1_795_910_400_123_456_789L;

    @Test
    void everyCombinationOfTimeAndObservedTimeComesBackGivenTheEffectiveTime() {
        List<long[]> times = List.of(
                new long[] {TIME, TIME}, // the SDKs' usual case
                new long[] {TIME, TIME + 2_500_000}, // observed later
                new long[] {TIME, TIME - 7}, // observed earlier (clock skew)
                new long[] {TIME, 0}, // no observed time
                new long[] {0, TIME}, // no time: the observed time is the effective time
                new long[] {0, 0});
        for (long[] pair : times) {
            LogRecord record = record(pair[0], pair[1]);
            byte[] bytes = LogRecordCodec.encode(record);
            assertThat(LogRecordCodec.decode(bytes, 0, bytes.length, record.effectiveTimeNanos()))
                    .as("time %d, observed %d", pair[0], pair[1]).isEqualTo(record);
            assertThat(LogRecordCodec.decodeBody(bytes, 0, bytes.length)).isEqualTo(record.body());
        }
    }

    @Test
    void theTimesAreNotStoredSoEqualTimesCostTwoBytes() {
        LogRecord withTimes = record(TIME, TIME);
        LogRecord withoutTimes = record(0, 0);
        assertThat(LogRecordCodec.encode(withTimes).length).isEqualTo(LogRecordCodec.encode(withoutTimes).length + 1);
    }

    @Test
    void versionOneRecordsAreStillReadWithTheirOwnTimes() throws IOException {
        LogRecord record = record(TIME, TIME + 5);
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        out.writeByte(LogRecordCodec.VERSION_1);
        out.writeZLong(record.timestampNanos());
        out.writeZLong(record.observedTimestampNanos());
        byte[] v2 = LogRecordCodec.encode(record);
        // after the times both versions lay out the same fields: skip v2's version byte, kind and delta
        out.writeBytes(v2, 3, v2.length - 3);
        byte[] v1 = out.toArrayCopy();
        assertThat(LogRecordCodec.decode(v1, 0, v1.length, 42)).isEqualTo(record);
        assertThat(LogRecordCodec.decodeBody(v1, 0, v1.length)).isEqualTo(record.body());
    }

    @Test
    void anUnknownVersionOrTimeKindIsNamed() {
        byte[] bytes = LogRecordCodec.encode(record(TIME, TIME));
        bytes[0] = 9;
        assertThatThrownBy(() -> LogRecordCodec.decode(bytes, 0, bytes.length, TIME))
                .isInstanceOf(CorruptLogRecordException.class).hasMessageContaining("format version 9");
        bytes[0] = LogRecordCodec.VERSION;
        bytes[1] = 5;
        assertThatThrownBy(() -> LogRecordCodec.decode(bytes, 0, bytes.length, TIME))
                .isInstanceOf(CorruptLogRecordException.class).hasMessageContaining("time kind 5");
    }

    private static LogRecord record(long time, long observed) {
        return new LogRecord(time, observed, 17, "ERROR", "GET /api/v1/orders 500 timeout", "checkout",
                Map.of("service.name", "checkout", "host.name", "node-3"), "io.sightline.sample", "1.2.0",
                Map.of("http.route", "/api/v1/orders", "attempt", 2L), "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7", 1);
    }
}
