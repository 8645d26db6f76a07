package io.sightline.query.api.tempo;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.google.gson.stream.JsonWriter;
import io.sightline.storage.traces.SpanRecord;

/**
 * A trace in OTLP/JSON as Tempo's trace-by-id answers it: {@code resourceSpans} (v2) or
 * {@code batches} (v1) of {@code {resource:{attributes}, scopeSpans:[{scope:{name,version},
 * spans:[…]}]}}; 64-bit numbers as strings, enums by name ({@code SPAN_KIND_SERVER},
 * {@code STATUS_CODE_ERROR}), ids in lower-case hex (the OTLP/JSON rule).
 */
final class OtlpJson {
    private static final String[] KINDS = {"SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER",
        "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"};
    private static final String[] STATUSES = {"STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"};

    private OtlpJson() {
    }

    /** The array of resource spans, under {@code member}. */
    static void resourceSpans(JsonWriter json, String member, List<SpanRecord> spans) throws IOException {
        json.name(member).beginArray();
        for (ResourceGroups.Resource resource : ResourceGroups.of(spans).resources()) {
            json.beginObject();
            json.name("resource").beginObject();
            attributes(json, "attributes", resource.attributes());
            json.endObject();
            json.name("scopeSpans").beginArray();
            for (ResourceGroups.Scope scope : resource.scopes()) {
                json.beginObject();
                json.name("scope").beginObject();
                if (!scope.name().isEmpty()) {
                    json.name("name").value(scope.name());
                }
                if (!scope.version().isEmpty()) {
                    json.name("version").value(scope.version());
                }
                json.endObject();
                json.name("spans").beginArray();
                for (SpanRecord span : scope.spans()) {
                    span(json, span);
                }
                json.endArray();
                json.endObject();
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
    }

    private static void span(JsonWriter json, SpanRecord span) throws IOException {
        json.beginObject();
        json.name("traceId").value(span.traceId());
        json.name("spanId").value(span.spanId());
        if (!span.traceState().isEmpty()) {
            json.name("traceState").value(span.traceState());
        }
        if (!span.parentSpanId().isEmpty()) {
            json.name("parentSpanId").value(span.parentSpanId());
        }
        if (span.flags() != 0) {
            json.name("flags").value(span.flags() & 0xffffffffL);
        }
        json.name("name").value(span.name());
        json.name("kind").value(span.kind() >= 0 && span.kind() < KINDS.length ? KINDS[span.kind()] : KINDS[0]);
        json.name("startTimeUnixNano").value(Long.toUnsignedString(span.startNanos()));
        json.name("endTimeUnixNano").value(Long.toUnsignedString(span.endNanos()));
        attributes(json, "attributes", span.attributes());
        if (span.droppedAttributes() != 0) {
            json.name("droppedAttributesCount").value(span.droppedAttributes());
        }
        if (!span.events().isEmpty()) {
            json.name("events").beginArray();
            for (SpanRecord.SpanEvent event : span.events()) {
                json.beginObject();
                json.name("timeUnixNano").value(Long.toUnsignedString(event.timeNanos()));
                json.name("name").value(event.name());
                attributes(json, "attributes", event.attributes());
                json.endObject();
            }
            json.endArray();
        }
        if (span.droppedEvents() != 0) {
            json.name("droppedEventsCount").value(span.droppedEvents());
        }
        if (!span.links().isEmpty()) {
            json.name("links").beginArray();
            for (SpanRecord.SpanLink link : span.links()) {
                json.beginObject();
                json.name("traceId").value(link.traceId());
                json.name("spanId").value(link.spanId());
                if (!link.traceState().isEmpty()) {
                    json.name("traceState").value(link.traceState());
                }
                attributes(json, "attributes", link.attributes());
                json.endObject();
            }
            json.endArray();
        }
        if (span.droppedLinks() != 0) {
            json.name("droppedLinksCount").value(span.droppedLinks());
        }
        json.name("status").beginObject();
        if (!span.statusMessage().isEmpty()) {
            json.name("message").value(span.statusMessage());
        }
        if (span.statusCode() != SpanRecord.STATUS_UNSET) {
            json.name("code").value(span.statusCode() < STATUSES.length ? STATUSES[span.statusCode()] : STATUSES[0]);
        }
        json.endObject();
        json.endObject();
    }

    /** {@code member: [{"key","value":{…}}]}, left out when empty. */
    static void attributes(JsonWriter json, String member, Map<String, Object> attributes) throws IOException {
        if (attributes.isEmpty()) {
            return;
        }
        json.name(member).beginArray();
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            keyValue(json, e.getKey(), e.getValue());
        }
        json.endArray();
    }

    static void keyValue(JsonWriter json, String key, Object value) throws IOException {
        json.beginObject();
        json.name("key").value(key);
        json.name("value");
        anyValue(json, value);
        json.endObject();
    }

    private static void anyValue(JsonWriter json, Object value) throws IOException {
        json.beginObject();
        switch (value) {
            case String s -> json.name("stringValue").value(s);
            case Boolean b -> json.name("boolValue").value(b);
            case Long l -> json.name("intValue").value(Long.toString(l));
            case Integer n -> json.name("intValue").value(Integer.toString(n));
            case Double d when Double.isFinite(d) -> json.name("doubleValue").value(d);
            case Double d -> json.name("doubleValue").value(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            case byte[] bytes -> json.name("bytesValue").value(Base64.getEncoder().encodeToString(bytes));
            case List<?> list -> {
                json.name("arrayValue").beginObject().name("values").beginArray();
                for (Object item : list) {
                    anyValue(json, item);
                }
                json.endArray().endObject();
            }
            case Map<?, ?> map -> {
                json.name("kvlistValue").beginObject().name("values").beginArray();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    keyValue(json, String.valueOf(e.getKey()), e.getValue());
                }
                json.endArray().endObject();
            }
            case null -> {
            }
            default -> json.name("stringValue").value(value.toString());
        }
        json.endObject();
    }
}
