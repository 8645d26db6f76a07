package io.sightline.query.api;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.google.gson.stream.JsonWriter;
import io.sightline.query.logs.Severity;
import io.sightline.storage.logs.LogRecord;

/** Writes a stored log record as JSON; attribute values keep their types. */
public final class LogRecordJson {
    private LogRecordJson() {
    }

    public static void write(JsonWriter json, LogRecord record) throws IOException {
        json.beginObject();
        json.name("timestamp").value(ApiTimes.formatNanos(record.effectiveTimeNanos()));
        json.name("timeUnixNano").value(Long.toString(record.timestampNanos()));
        json.name("observedTimeUnixNano").value(Long.toString(record.observedTimestampNanos()));
        json.name("severityNumber").value(record.severityNumber());
        json.name("severityText").value(record.severityText().isEmpty() ? Severity.name(record.severityNumber()) : record.severityText());
        json.name("body").value(record.body());
        json.name("serviceName").value(record.serviceName());
        json.name("traceId").value(record.traceId());
        json.name("spanId").value(record.spanId());
        json.name("flags").value(record.flags());
        json.name("attributes");
        writeMap(json, record.attributes());
        json.name("resource");
        writeMap(json, record.resource());
        json.name("scope").beginObject().name("name").value(record.scopeName())
                .name("version").value(record.scopeVersion()).endObject();
        json.endObject();
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(JsonWriter json, Object value) throws IOException {
        switch (value) {
            case null -> json.nullValue();
            case String s -> json.value(s);
            case Boolean b -> json.value(b);
            case Double d when d.isNaN() || d.isInfinite() -> json.value(d.toString());
            case Number n -> json.value(n);
            case byte[] bytes -> json.value(Base64.getEncoder().encodeToString(bytes));
            case List<?> list -> {
                json.beginArray();
                for (Object element : list) {
                    writeValue(json, element);
                }
                json.endArray();
            }
            case Map<?, ?> map -> writeMap(json, (Map<String, Object>) map);
            default -> json.value(value.toString());
        }
    }

    private static void writeMap(JsonWriter json, Map<String, Object> map) throws IOException {
        json.beginObject();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            json.name(entry.getKey());
            writeValue(json, entry.getValue());
        }
        json.endObject();
    }
}
