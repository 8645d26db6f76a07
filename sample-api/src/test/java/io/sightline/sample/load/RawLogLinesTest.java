package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RawLogLinesTest {

    @Test
    void oneLinePerRecordWithTimeServiceLevelBodyAttributesAndIds() {
        LogRecord full = LogRecord.newBuilder()
                .setTimeUnixNano(1_800_000_000_123_456_789L)
                .setSeverityText("WARN")
                .setBody(AnyValue.newBuilder().setStringValue("read timeout\nsecond line"))
                .addAttributes(KeyValue.newBuilder().setKey("region").setValue(AnyValue.newBuilder().setStringValue("eu-west-1")))
                .addAttributes(KeyValue.newBuilder().setKey("http.status_code").setValue(AnyValue.newBuilder().setIntValue(504)))
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10")))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("1112131415161718")))
                .build();
        LogRecord bare = LogRecord.newBuilder().setTimeUnixNano(1_800_000_000_000_000_000L)
                .setSeverityText("INFO").setBody(AnyValue.newBuilder().setStringValue("ok")).build();
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(Resource.newBuilder()
                                .addAttributes(KeyValue.newBuilder().setKey("host.name").setValue(AnyValue.newBuilder().setStringValue("node-1")))
                                .addAttributes(KeyValue.newBuilder().setKey("service.name").setValue(AnyValue.newBuilder().setStringValue("checkout"))))
                        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(full).addLogRecords(bare)))
                .build();

        StringBuilder out = new StringBuilder();
        RawLogLines.append(request, out);

        assertThat(out.toString()).isEqualTo(
                "2027-01-15T08:00:00.123456789Z service=checkout level=WARN read timeout\\nsecond line"
                        + " region=eu-west-1 http.status_code=504 trace_id=0102030405060708090a0b0c0d0e0f10"
                        + " span_id=1112131415161718\n"
                        + "2027-01-15T08:00:00.000000000Z service=checkout level=INFO ok\n");
    }

    @Test
    void leanGeneratedRecordsAreAboutTwoHundredFiftyBytesALine() {
        BackfillPlan plan = new BackfillPlan(1_800_000_000_000_000_000L, 86_400_000_000_000L, 5_000, 0);
        BackfillRequests requests = new BackfillRequests(3, 5, 500, plan,
                new LogBatchGenerator.Backfill(true, 1, null));
        StringBuilder out = new StringBuilder();
        for (long i = 0; i < requests.requestCount(); i++) {
            RawLogLines.append(requests.request(i), out);
        }
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(5_000);
        assertThat(out.length() / 5_000.0).isBetween(200.0, 300.0);
    }
}
