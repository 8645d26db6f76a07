package io.sightline.query.api.jaeger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.stream.JsonWriter;
import io.sightline.storage.traces.SpanRecord;

/**
 * Stored spans in Jaeger's JSON model ({@code model/json} of Jaeger's query service), translated from
 * the OTLP model as the OpenTelemetry Collector's Jaeger translator does: the resource becomes a
 * process ({@code p1}, {@code p2}, … in order of first use; {@code service.name} is its
 * {@code serviceName}, the other resource attributes its tags); the parent is the first reference
 * ({@code CHILD_OF}), links follow as {@code FOLLOWS_FROM}; times and durations in microseconds; span
 * tags are {@code otel.scope.name}/{@code otel.scope.version}, the attributes, then {@code span.kind}
 * (lower case, none for unspecified), {@code otel.status_code} ({@code OK}/{@code ERROR}),
 * {@code error=true} for an error, {@code otel.status_description}, {@code w3c.tracestate}; events
 * become logs whose first field is {@code event} (the name). Values: strings {@code string}, longs
 * {@code int64}, doubles {@code float64} (non-finite ones as strings), booleans {@code bool}, bytes
 * {@code binary} (base64), lists and maps {@code string} holding their JSON.
 */
final class JaegerJson {
    /** What Jaeger's translator calls a process without {@code service.name}. */
    static final String NO_SERVICE_NAME = "OTLPResourceNoServiceName";
    private static final Gson GSON = new Gson();

    private JaegerJson() {
    }

    /** One trace: {@code {"traceID","spans":[…],"processes":{…},"warnings":null}}. */
    static void trace(JsonWriter json, String traceId, List<SpanRecord> spans) throws IOException {
        Map<Process, String> processes = new LinkedHashMap<>();
        List<String> processIds = new ArrayList<>(spans.size());
        for (SpanRecord span : spans) {
            Process process = new Process(span.serviceName(), span.resource());
            processIds.add(processes.computeIfAbsent(process, p -> "p" + (processes.size() + 1)));
        }
        json.beginObject();
        json.name("traceID").value(traceId);
        json.name("spans").beginArray();
        for (int i = 0; i < spans.size(); i++) {
            span(json, spans.get(i), processIds.get(i));
        }
        json.endArray();
        json.name("processes").beginObject();
        for (Map.Entry<Process, String> e : processes.entrySet()) {
            json.name(e.getValue()).beginObject();
            json.name("serviceName").value(e.getKey().serviceName().isEmpty() ? NO_SERVICE_NAME : e.getKey().serviceName());
            json.name("tags").beginArray();
            for (Map.Entry<String, Object> tag : e.getKey().resource().entrySet()) {
                if (!tag.getKey().equals("service.name")) {
                    keyValue(json, tag.getKey(), tag.getValue());
                }
            }
            json.endArray();
            json.endObject();
        }
        json.endObject();
        json.name("warnings").nullValue();
        json.endObject();
    }

    private static void span(JsonWriter json, SpanRecord span, String processId) throws IOException {
        json.beginObject();
        json.name("traceID").value(span.traceId());
        json.name("spanID").value(span.spanId());
        int flags = span.flags() & 0xff;
        if (flags != 0) {
            json.name("flags").value(flags);
        }
        json.name("operationName").value(span.name());
        json.name("references").beginArray();
        if (!span.isRoot()) {
            reference(json, "CHILD_OF", span.traceId(), span.parentSpanId());
        }
        for (SpanRecord.SpanLink link : span.links()) {
            reference(json, "FOLLOWS_FROM", link.traceId(), link.spanId());
        }
        json.endArray();
        json.name("startTime").value(span.startNanos() / 1_000);
        json.name("duration").value(span.durationNanos() / 1_000);
        json.name("tags").beginArray();
        tags(json, span);
        json.endArray();
        json.name("logs").beginArray();
        for (SpanRecord.SpanEvent event : span.events()) {
            json.beginObject();
            json.name("timestamp").value(event.timeNanos() / 1_000);
            json.name("fields").beginArray();
            if (!event.name().isEmpty()) {
                keyValue(json, "event", event.name());
            }
            for (Map.Entry<String, Object> field : event.attributes().entrySet()) {
                keyValue(json, field.getKey(), field.getValue());
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.name("processID").value(processId);
        json.name("warnings").nullValue();
        json.endObject();
    }

    private static void tags(JsonWriter json, SpanRecord span) throws IOException {
        if (!span.scopeName().isEmpty()) {
            keyValue(json, "otel.scope.name", span.scopeName());
        }
        if (!span.scopeVersion().isEmpty()) {
            keyValue(json, "otel.scope.version", span.scopeVersion());
        }
        for (Map.Entry<String, Object> attribute : span.attributes().entrySet()) {
            keyValue(json, attribute.getKey(), attribute.getValue());
        }
        String kind = spanKind(span.kind());
        if (!kind.isEmpty()) {
            keyValue(json, "span.kind", kind);
        }
        if (span.statusCode() == SpanRecord.STATUS_OK) {
            keyValue(json, "otel.status_code", "OK");
        } else if (span.statusCode() == SpanRecord.STATUS_ERROR) {
            keyValue(json, "otel.status_code", "ERROR");
            keyValue(json, "error", Boolean.TRUE);
        }
        if (!span.statusMessage().isEmpty()) {
            keyValue(json, "otel.status_description", span.statusMessage());
        }
        if (!span.traceState().isEmpty()) {
            keyValue(json, "w3c.tracestate", span.traceState());
        }
    }

    /** Jaeger's (OpenTracing's) name of an OTLP span kind; "" for unspecified. */
    static String spanKind(int kind) {
        return switch (kind) {
            case SpanRecord.KIND_INTERNAL -> "internal";
            case SpanRecord.KIND_SERVER -> "server";
            case SpanRecord.KIND_CLIENT -> "client";
            case SpanRecord.KIND_PRODUCER -> "producer";
            case SpanRecord.KIND_CONSUMER -> "consumer";
            default -> "";
        };
    }

    private static void reference(JsonWriter json, String type, String traceId, String spanId) throws IOException {
        json.beginObject();
        json.name("refType").value(type);
        json.name("traceID").value(traceId);
        json.name("spanID").value(spanId);
        json.endObject();
    }

    static void keyValue(JsonWriter json, String key, Object value) throws IOException {
        json.beginObject();
        json.name("key").value(key);
        switch (value) {
            case String s -> json.name("type").value("string").name("value").value(s);
            case Boolean b -> json.name("type").value("bool").name("value").value(b);
            case Long l -> json.name("type").value("int64").name("value").value(l);
            case Integer n -> json.name("type").value("int64").name("value").value(n);
            case Double d when Double.isFinite(d) -> json.name("type").value("float64").name("value").value(d);
            case Double d -> json.name("type").value("string").name("value").value(d.toString());
            case byte[] bytes -> json.name("type").value("binary").name("value").value(Base64.getEncoder().encodeToString(bytes));
            case null -> json.name("type").value("string").name("value").value("");
            default -> json.name("type").value("string").name("value").value(GSON.toJson(value));
        }
        json.endObject();
    }

    /** A process: the service and the rest of the resource. */
    private record Process(String serviceName, Map<String, Object> resource) {
    }
}
