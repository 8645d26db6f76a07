package io.sightline.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import org.junit.jupiter.api.Test;

class OtlpLogMapperTest {
    @Test
    void mapsServiceNameValuesBodyAndIds() {
        var request = TestRequests.logs(LogRecord.newBuilder()
                .setTimeUnixNano(11).setObservedTimeUnixNano(12).setSeverityNumberValue(17).setSeverityText("ERROR")
                .setBody(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(KeyValue.newBuilder().setKey("msg").setValue(AnyValue.newBuilder().setStringValue("hi")))
                        .addValues(KeyValue.newBuilder().setKey("n").setValue(AnyValue.newBuilder().setIntValue(2)))))
                .addAttributes(KeyValue.newBuilder().setKey("ok").setValue(AnyValue.newBuilder().setBoolValue(true)))
                .addAttributes(KeyValue.newBuilder().setKey("ratio").setValue(AnyValue.newBuilder().setDoubleValue(0.5)))
                .addAttributes(KeyValue.newBuilder().setKey("raw").setValue(AnyValue.newBuilder()
                        .setBytesValue(ByteString.copyFrom(new byte[] {1, 2}))))
                .addAttributes(KeyValue.newBuilder().setKey("list").setValue(AnyValue.newBuilder().setArrayValue(
                        ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setIntValue(1))
                                .addValues(AnyValue.newBuilder().setStringValue("two")))))
                .addAttributes(KeyValue.newBuilder().setKey("unset"))
                .setTraceId(ByteString.fromHex("4BF92F3577B34DA6A3CE929D0E0E4736"))
                .setSpanId(ByteString.fromHex("00F067AA0BA902B7"))
                .setFlags(1)
                .build());
        request = request.toBuilder().setResourceLogs(0, request.getResourceLogs(0).toBuilder()
                .setResource(request.getResourceLogs(0).getResource().toBuilder()
                        .addAttributes(TestRequests.string("host.name", "h1")))
                .setScopeLogs(0, request.getResourceLogs(0).getScopeLogs(0).toBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("lib").setVersion("1.2")))).build();

        List<io.sightline.storage.logs.LogRecord> records = OtlpLogMapper.map(request);

        assertThat(records).hasSize(1);
        io.sightline.storage.logs.LogRecord record = records.getFirst();
        assertThat(record.serviceName()).isEqualTo("checkout");
        assertThat(record.resource()).isEqualTo(Map.of("host.name", "h1"));
        assertThat(record.scopeName()).isEqualTo("lib");
        assertThat(record.scopeVersion()).isEqualTo("1.2");
        assertThat(record.timestampNanos()).isEqualTo(11);
        assertThat(record.observedTimestampNanos()).isEqualTo(12);
        assertThat(record.severityNumber()).isEqualTo(17);
        assertThat(record.severityText()).isEqualTo("ERROR");
        assertThat(record.body()).isEqualTo("{\"msg\":\"hi\",\"n\":2}");
        assertThat(record.attributes()).containsExactly(
                Map.entry("ok", true), Map.entry("ratio", 0.5), Map.entry("raw", record.attributes().get("raw")),
                Map.entry("list", List.of(1L, "two")), Map.entry("unset", ""));
        assertThat((byte[]) record.attributes().get("raw")).containsExactly(1, 2);
        assertThat(record.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(record.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(record.flags()).isEqualTo(1);
    }

    @Test
    void aMissingServiceNameAndIdsAreEmpty() {
        var request = TestRequests.logs(TestRequests.log("plain").toBuilder().clearTraceId().clearSpanId().build());
        request = request.toBuilder().setResourceLogs(0, request.getResourceLogs(0).toBuilder().clearResource()).build();

        io.sightline.storage.logs.LogRecord record = OtlpLogMapper.map(request).getFirst();

        assertThat(record.serviceName()).isEmpty();
        assertThat(record.resource()).isEmpty();
        assertThat(record.body()).isEqualTo("plain");
        assertThat(record.traceId()).isEmpty();
        assertThat(record.spanId()).isEmpty();
    }
}
