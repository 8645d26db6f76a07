package io.sightline.storage.logs;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.google.gson.JsonPrimitive;

/**
 * What Loki 3's OTLP ingestion keeps of a record as structured metadata, the rule beside
 * {@link LogStreams}' stream labels: the query module's LogQL engine shows it, and the Loki push
 * exporter sends it, so a record forwarded to a Loki reads there as it reads here. The record's
 * attributes (a map flattened as {@code key_sub}), names normalised as Prometheus's OTLP translator
 * does ({@code http.route} → {@code http_route}, a leading digit gets {@code key_}, a single leading
 * {@code _} gets {@code key}), values as OTLP's {@code AsString}; then {@code observed_timestamp}
 * (when the record also has its own time), {@code severity_number}, {@code flags},
 * {@code trace_id}, {@code span_id}, {@code scope_name}, {@code scope_version}, each only when set.
 * Loki also stores {@code severity_text} there; the stream already carries it as a label, so it is
 * not repeated. Stateless.
 */
public final class LogStructuredMetadata {
    private LogStructuredMetadata() {
    }

    /** Hands each name and value of {@code record}'s metadata to {@code metadata}, in order (a later name overrides). */
    public static void forEach(LogRecord record, BiConsumer<String, String> metadata) {
        for (Map.Entry<String, Object> attribute : record.attributes().entrySet()) {
            add(metadata, normalize(attribute.getKey()), attribute.getValue());
        }
        if (record.timestampNanos() != 0 && record.observedTimestampNanos() != 0) {
            metadata.accept("observed_timestamp", Long.toString(record.observedTimestampNanos()));
        }
        if (record.severityNumber() != 0) {
            metadata.accept("severity_number", Integer.toString(record.severityNumber()));
        }
        if (record.flags() != 0) {
            metadata.accept("flags", Integer.toString(record.flags()));
        }
        acceptIfSet(metadata, "trace_id", record.traceId());
        acceptIfSet(metadata, "span_id", record.spanId());
        acceptIfSet(metadata, "scope_name", record.scopeName());
        acceptIfSet(metadata, "scope_version", record.scopeVersion());
    }

    private static void acceptIfSet(BiConsumer<String, String> metadata, String name, String value) {
        if (!value.isEmpty()) {
            metadata.accept(name, value);
        }
    }

    private static void add(BiConsumer<String, String> metadata, String name, Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                add(metadata, normalize(name + "_" + entry.getKey()), entry.getValue());
            }
            return;
        }
        metadata.accept(name, text(value));
    }

    /** Prometheus's {@code otlptranslator.NormalizeLabel}. */
    private static String normalize(String key) {
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

    /** OTLP's {@code Value.AsString}: JSON for lists and maps, base64 for bytes, Go's float form. */
    private static String text(Object value) {
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
