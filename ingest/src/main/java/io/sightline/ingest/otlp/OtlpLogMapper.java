package io.sightline.ingest.otlp;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.sightline.storage.logs.LogRecord;

/**
 * Maps OTLP logs to the store's {@link LogRecord}: {@code service.name} moves from the resource
 * attributes to its own field ("" when absent); attribute values become String, Long, Double,
 * Boolean, byte[], List or Map (an unset value becomes ""); a body that is not a string is kept as
 * its JSON text (bytes as base64, non-finite doubles as strings), and a body over the line limit is
 * cut ({@link LineTruncation}); ids become lowercase hex. Thread-safe.
 */
public final class OtlpLogMapper {
    private static final String SERVICE_NAME = "service.name";
    private static final HexFormat HEX = HexFormat.of();

    private OtlpLogMapper() {
    }

    /** Maps with bodies cut at {@link LineTruncation#DEFAULT_MAX_BYTES}, counted nowhere. */
    public static List<LogRecord> map(ExportLogsServiceRequest request) {
        return map(request, LineTruncation.defaults());
    }

    /** Maps every record, its body cut by {@code truncation} when longer than its limit. */
    public static List<LogRecord> map(ExportLogsServiceRequest request, LineTruncation truncation) {
        List<LogRecord> records = new ArrayList<>();
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            Map<String, Object> resource = OtlpAttributes.map(resourceLogs.getResource().getAttributesList());
            Object service = resource.remove(SERVICE_NAME);
            String serviceName = service instanceof String name ? name : service == null ? "" : String.valueOf(service);
            Map<String, Object> sharedResource = resource.isEmpty() ? Map.of() : Collections.unmodifiableMap(resource);
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                String scopeName = scopeLogs.getScope().getName();
                String scopeVersion = scopeLogs.getScope().getVersion();
                for (io.opentelemetry.proto.logs.v1.LogRecord log : scopeLogs.getLogRecordsList()) {
                    records.add(new LogRecord(
                            log.getTimeUnixNano(),
                            log.getObservedTimeUnixNano(),
                            log.getSeverityNumberValue(),
                            log.getSeverityText(),
                            truncation.apply(body(log.getBody())),
                            serviceName,
                            sharedResource,
                            scopeName,
                            scopeVersion,
                            OtlpAttributes.map(log.getAttributesList()),
                            hex(log.getTraceId()),
                            hex(log.getSpanId()),
                            log.getFlags()));
                }
            }
        }
        return records;
    }

    static String body(AnyValue body) {
        return switch (body.getValueCase()) {
            case STRING_VALUE -> body.getStringValue();
            case VALUE_NOT_SET -> "";
            default -> json(body).toString();
        };
    }

    private static JsonElement json(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> new JsonPrimitive(value.getStringValue());
            case BOOL_VALUE -> new JsonPrimitive(value.getBoolValue());
            case INT_VALUE -> new JsonPrimitive(value.getIntValue());
            case DOUBLE_VALUE -> Double.isFinite(value.getDoubleValue()) ? new JsonPrimitive(value.getDoubleValue())
                    : new JsonPrimitive(Double.toString(value.getDoubleValue()));
            case BYTES_VALUE -> new JsonPrimitive(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                JsonArray array = new JsonArray(value.getArrayValue().getValuesCount());
                for (AnyValue element : value.getArrayValue().getValuesList()) {
                    array.add(json(element));
                }
                yield array;
            }
            case KVLIST_VALUE -> {
                JsonObject object = new JsonObject();
                for (KeyValue entry : value.getKvlistValue().getValuesList()) {
                    object.add(entry.getKey(), json(entry.getValue()));
                }
                yield object;
            }
            case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> JsonNull.INSTANCE;
        };
    }

    private static String hex(ByteString id) {
        return id.isEmpty() ? "" : HEX.formatHex(id.toByteArray());
    }
}
