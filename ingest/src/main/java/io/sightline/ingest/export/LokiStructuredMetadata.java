package io.sightline.ingest.export;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonPrimitive;
import io.sightline.storage.logs.LogRecord;

/**
 * A record's structured metadata as Sightline's own Loki API shows it, so that a record forwarded to
 * a Loki reads there as it reads here. The rule lives in the query module (its LogQL engine's
 * {@code StructuredMetadata}, Loki 3's OTLP mapping), which ingest may not see; this is a faithful
 * copy of it, kept in step by {@code LokiStructuredMetadataTest}: the record's attributes (a map
 * flattened as {@code key_sub}), names normalised as Prometheus's OTLP translator does
 * ({@code http.route} → {@code http_route}, a leading digit gets {@code key_}, a single leading
 * {@code _} gets {@code key}), values as OTLP's {@code AsString} (JSON for lists and maps, base64 for
 * bytes, Go's float form); then {@code observed_timestamp} (when the record also has its own time),
 * {@code severity_number}, {@code flags}, {@code trace_id}, {@code span_id}, {@code scope_name},
 * {@code scope_version}, each only when set. A later name overrides an earlier one; empty values are
 * left out and names sorted, as the API lists them. Stateless.
 */
final class LokiStructuredMetadata {
    private LokiStructuredMetadata() {
    }

    /** The metadata of {@code record}, sorted by name, without empty values. */
    static Map<String, String> of(LogRecord record) {
        Map<String, String> metadata = new TreeMap<>();
        for (Map.Entry<String, Object> attribute : record.attributes().entrySet()) {
            add(metadata, normalize(attribute.getKey()), attribute.getValue());
        }
        if (record.timestampNanos() != 0 && record.observedTimestampNanos() != 0) {
            metadata.put("observed_timestamp", Long.toString(record.observedTimestampNanos()));
        }
        if (record.severityNumber() != 0) {
            metadata.put("severity_number", Integer.toString(record.severityNumber()));
        }
        if (record.flags() != 0) {
            metadata.put("flags", Integer.toString(record.flags()));
        }
        putIfSet(metadata, "trace_id", record.traceId());
        putIfSet(metadata, "span_id", record.spanId());
        putIfSet(metadata, "scope_name", record.scopeName());
        putIfSet(metadata, "scope_version", record.scopeVersion());
        metadata.values().removeIf(String::isEmpty);
        return metadata;
    }

    private static void putIfSet(Map<String, String> metadata, String name, String value) {
        if (!value.isEmpty()) {
            metadata.put(name, value);
        }
    }

    private static void add(Map<String, String> metadata, String name, Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                add(metadata, normalize(name + "_" + entry.getKey()), entry.getValue());
            }
            return;
        }
        metadata.put(name, text(value));
    }

    /** Prometheus's {@code otlptranslator.NormalizeLabel}. */
    static String normalize(String key) {
        if (key.isEmpty()) {
            return key;
        }
        StringBuilder out = new StringBuilder(key.length() + 4);
        key.codePoints().forEach(c -> {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            out.append(ok ? (char) c : '_');
        });
        String name = out.toString();
        if (Character.isDigit(name.charAt(0))) {
            return "key_" + name;
        }
        if (name.startsWith("_") && !name.startsWith("__")) {
            return "key" + name;
        }
        return name;
    }

    /** OTLP's {@code Value.AsString}. */
    static String text(Object value) {
        return switch (value) {
            case null -> "";
            case String s -> s;
            case Double d -> goFloat(d);
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case List<?> list -> json(list);
            case Map<?, ?> map -> json(map);
            default -> value.toString();
        };
    }

    private static String goFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        return d == 0 ? (1 / d < 0 ? "-0" : "0") : new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    private static String json(Object value) {
        StringBuilder out = new StringBuilder();
        writeJson(out, value);
        return out.toString();
    }

    private static void writeJson(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> out.append(new JsonPrimitive(s));
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(first ? "" : ",").append(new JsonPrimitive(String.valueOf(e.getKey()))).append(':');
                    writeJson(out, e.getValue());
                    first = false;
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    writeJson(out, list.get(i));
                }
                out.append(']');
            }
            case byte[] bytes -> out.append('"').append(Base64.getEncoder().encodeToString(bytes)).append('"');
            case Double d -> out.append(goFloat(d));
            default -> out.append(value);
        }
    }
}
