package io.sightline.ingest.otlp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/** Hand-built OTLP requests for tests, and their OTLP/JSON form (ids as hex). */
public final class TestRequests {
    public static final Resource RESOURCE = Resource.newBuilder().addAttributes(string("service.name", "checkout"))
            .build();

    private TestRequests() {
    }

    public static ByteString id(int length, int seed) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) seed);
        bytes[0] = 1;
        return ByteString.copyFrom(bytes);
    }

    public static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    public static Span span(String name, ByteString traceId, ByteString spanId) {
        return Span.newBuilder().setName(name).setTraceId(traceId).setSpanId(spanId)
                .setStartTimeUnixNano(1_700_000_000_000_000_000L).setEndTimeUnixNano(1_700_000_000_100_000_000L)
                .addAttributes(string("http.route", "/orders")).build();
    }

    public static Span goodSpan(String name) {
        return span(name, id(16, 7), id(8, 3));
    }

    public static ExportTraceServiceRequest traces(Span... spans) {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().setResource(RESOURCE)
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))).build();
    }

    public static LogRecord log(String body) {
        return LogRecord.newBuilder().setTimeUnixNano(1_700_000_000_000_000_000L).setSeverityNumberValue(13)
                .setSeverityText("WARN").setBody(AnyValue.newBuilder().setStringValue(body))
                .setTraceId(id(16, 7)).setSpanId(id(8, 3)).build();
    }

    public static LogRecord logWithAttributes(String body, int count) {
        LogRecord.Builder log = log(body).toBuilder();
        for (int i = 0; i < count; i++) {
            log.addAttributes(string("k" + i, "v"));
        }
        return log.build();
    }

    public static ExportLogsServiceRequest logs(LogRecord... records) {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().setResource(RESOURCE)
                .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(List.of(records)))).build();
    }

    public static NumberDataPoint point(double value, KeyValue... attributes) {
        return NumberDataPoint.newBuilder().setTimeUnixNano(1_700_000_000_000_000_000L).setAsDouble(value)
                .addAllAttributes(List.of(attributes)).build();
    }

    public static ExportMetricsServiceRequest metrics(String name, NumberDataPoint... points) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(RESOURCE).addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder()
                        .setName(name).setGauge(Gauge.newBuilder().addAllDataPoints(List.of(points)))))).build();
    }

    /** {@code request} in OTLP/JSON: JsonFormat's output with every id rewritten from base64 to hex. */
    public static byte[] json(Message request) {
        try {
            JsonElement tree = JsonParser.parseString(JsonFormat.printer().print(request));
            idsToHex(tree);
            return tree.toString().getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Set<String> IDS = Set.of("traceId", "spanId", "parentSpanId");

    private static void idsToHex(JsonElement element) {
        if (element.isJsonObject()) {
            for (Map.Entry<String, JsonElement> field : element.getAsJsonObject().entrySet()) {
                if (IDS.contains(field.getKey())) {
                    byte[] bytes = Base64.getDecoder().decode(field.getValue().getAsString());
                    field.setValue(new JsonPrimitive(HexFormat.of().formatHex(bytes)));
                } else {
                    idsToHex(field.getValue());
                }
            }
        } else if (element.isJsonArray()) {
            JsonArray array = element.getAsJsonArray();
            List<JsonElement> elements = new ArrayList<>(array.asList());
            elements.forEach(TestRequests::idsToHex);
        }
    }

    /** {@code bytes} with the first occurrence of {@code marker} (ASCII) given an invalid UTF-8 byte. */
    public static byte[] breakUtf8(byte[] bytes, String marker) {
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            byte[] broken = bytes.clone();
            broken[i] = (byte) 0xFF;
            return broken;
        }
        throw new IllegalArgumentException("marker not found: " + marker);
    }
}
