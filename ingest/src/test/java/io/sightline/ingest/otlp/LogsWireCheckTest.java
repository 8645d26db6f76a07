package io.sightline.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.sightline.ingest.IngestLimits;
import org.junit.jupiter.api.Test;

/**
 * The wire check against the full parse and validator: whenever it decides, the full path agrees
 * (same record count, nothing rejected); and it does decide for ordinary valid requests.
 */
class LogsWireCheckTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final IngestLimits LIMITS = new IngestLimits(16 << 20, 16, 256);

    @Test
    void decidesOrdinaryValidRequestsWithTheirRecordCount() {
        Random random = new Random(SEED);
        OtlpValidator validator = new OtlpValidator(LIMITS);
        for (int i = 0; i < 300; i++) {
            ExportLogsServiceRequest request = request(random, false);
            long records = request.getResourceLogsList().stream()
                    .flatMap(r -> r.getScopeLogsList().stream()).mapToLong(ScopeLogs::getLogRecordsCount).sum();
            // Nested values can still add up past the size limit now and then: the full path rejects those too.
            boolean valid = validator.logs(request).rejections().count() == 0;
            long decided = LogsWireCheck.validRecords(request.toByteArray(), LIMITS);
            assertThat(decided).as("seed %s, request %s", SEED, i)
                    .isEqualTo(records == 0 || !valid ? LogsWireCheck.UNDECIDED : records);
        }
    }

    @Test
    void neverAcceptsWhatTheFullPathWouldRefuseOrTrim() {
        Random random = new Random(SEED);
        OtlpValidator validator = new OtlpValidator(LIMITS);
        int decided = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = request(random, random.nextBoolean()).toByteArray();
            if (random.nextInt(3) == 0 && bytes.length > 0) {
                mutate(bytes, random);
            }
            long records = LogsWireCheck.validRecords(bytes, LIMITS);
            if (records == LogsWireCheck.UNDECIDED) {
                continue;
            }
            decided++;
            ExportLogsServiceRequest parsed;
            try {
                parsed = ExportLogsServiceRequest.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("seed " + SEED + ", request " + i + ": accepted but does not parse", e);
            }
            Validated full = validator.logs(parsed);
            assertThat(full.items()).as("seed %s, request %s", SEED, i).isEqualTo(records);
            assertThat(full.rejections().count()).as("seed %s, request %s: %s", SEED, i, full.rejections().message()).isZero();
        }
        assertThat(decided).as("the check decided some requests").isGreaterThan(300);
    }

    @Test
    void leavesTheFullPathToWordEveryProblem() {
        LogRecord.Builder ok = LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("ok"));
        assertThat(check(ok)).isEqualTo(1);
        assertThat(check(ok.clone().setTraceId(ByteString.copyFrom(new byte[15])))).isEqualTo(LogsWireCheck.UNDECIDED);
        assertThat(check(ok.clone().setSpanId(ByteString.copyFrom(new byte[9])))).isEqualTo(LogsWireCheck.UNDECIDED);
        LogRecord.Builder many = ok.clone();
        for (int i = 0; i < 17; i++) {
            many.addAttributes(KeyValue.newBuilder().setKey("k" + i));
        }
        assertThat(check(many)).isEqualTo(LogsWireCheck.UNDECIDED);
        assertThat(check(ok.clone().addAttributes(KeyValue.newBuilder().setKey("big")
                .setValue(AnyValue.newBuilder().setStringValue("x".repeat(257)))))).isEqualTo(LogsWireCheck.UNDECIDED);
        byte[] invalidUtf8 = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(ok.clone().setBody(AnyValue.newBuilder()
                        .setStringValue("\u00e9"))))).build().toByteArray();
        for (int i = 0; i < invalidUtf8.length - 1; i++) {
            if (invalidUtf8[i] == (byte) 0xC3 && invalidUtf8[i + 1] == (byte) 0xA9) {
                invalidUtf8[i + 1] = (byte) 0x28; // a lead byte without its continuation
            }
        }
        assertThat(LogsWireCheck.validRecords(invalidUtf8, LIMITS)).isEqualTo(LogsWireCheck.UNDECIDED);
        assertThat(LogsWireCheck.validRecords(new byte[0], LIMITS)).isEqualTo(LogsWireCheck.UNDECIDED);
    }

    private static long check(LogRecord.Builder record) {
        return LogsWireCheck.validRecords(ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record))).build().toByteArray(), LIMITS);
    }

    private static ExportLogsServiceRequest request(Random random, boolean breakLimits) {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        for (int r = random.nextInt(3); r >= 0; r--) {
            ResourceLogs.Builder resource = ResourceLogs.newBuilder()
                    .setResource(Resource.newBuilder().addAllAttributes(attributes(random, breakLimits)));
            if (random.nextBoolean()) {
                resource.setSchemaUrl("https://opentelemetry.io/schemas/1.26.0");
            }
            for (int s = random.nextInt(3); s >= 0; s--) {
                ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder()
                        .setName("scope-" + s).setVersion("1." + s).addAllAttributes(attributes(random, breakLimits)));
                for (int l = random.nextInt(5); l > 0; l--) {
                    LogRecord.Builder record = LogRecord.newBuilder()
                            .setTimeUnixNano(random.nextLong()).setObservedTimeUnixNano(random.nextLong())
                            .setSeverityNumberValue(random.nextInt(25)).setSeverityText("INFO")
                            .setBody(value(random, 0, breakLimits)).addAllAttributes(attributes(random, breakLimits))
                            .setFlags(random.nextInt(2)).setDroppedAttributesCount(random.nextInt(3));
                    if (random.nextBoolean()) {
                        record.setTraceId(bytes(random, breakLimits && random.nextInt(4) == 0 ? 15 : 16));
                        record.setSpanId(bytes(random, breakLimits && random.nextInt(4) == 0 ? 7 : 8));
                    }
                    if (random.nextInt(4) == 0) {
                        record.setEventName("event-" + l);
                    }
                    scope.addLogRecords(record);
                }
                resource.addScopeLogs(scope);
            }
            request.addResourceLogs(resource);
        }
        return request.build();
    }

    private static java.util.List<KeyValue> attributes(Random random, boolean breakLimits) {
        int count = breakLimits && random.nextInt(5) == 0 ? 17 : random.nextInt(8);
        java.util.List<KeyValue> attributes = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            KeyValue.Builder attribute = KeyValue.newBuilder().setKey("key." + i);
            if (random.nextInt(10) > 0) {
                attribute.setValue(value(random, 0, breakLimits));
            }
            attributes.add(attribute.build());
        }
        return attributes;
    }

    private static AnyValue value(Random random, int depth, boolean breakLimits) {
        int kind = random.nextInt(depth < 3 ? 8 : 6);
        return switch (kind) {
            case 0 -> AnyValue.newBuilder().setStringValue("v".repeat(random.nextInt(breakLimits ? 400 : 60)) + "é").build();
            case 1 -> AnyValue.newBuilder().setBoolValue(random.nextBoolean()).build();
            case 2 -> AnyValue.newBuilder().setIntValue(random.nextLong()).build();
            case 3 -> AnyValue.newBuilder().setDoubleValue(random.nextDouble()).build();
            case 4 -> AnyValue.newBuilder().setBytesValue(bytes(random, random.nextInt(breakLimits ? 300 : 40))).build();
            case 5 -> AnyValue.getDefaultInstance();
            case 6 -> {
                ArrayValue.Builder array = ArrayValue.newBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.addValues(value(random, depth + 1, breakLimits));
                }
                yield AnyValue.newBuilder().setArrayValue(array).build();
            }
            default -> {
                KeyValueList.Builder list = KeyValueList.newBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.addValues(KeyValue.newBuilder().setKey("n" + i).setValue(value(random, depth + 1, breakLimits)));
                }
                yield AnyValue.newBuilder().setKvlistValue(list).build();
            }
        };
    }

    private static ByteString bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return ByteString.copyFrom(bytes);
    }

    private static void mutate(byte[] bytes, Random random) {
        for (int i = random.nextInt(3) + 1; i > 0; i--) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
    }
}
