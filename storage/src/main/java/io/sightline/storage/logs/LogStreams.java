package io.sightline.storage.logs;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.sightline.storage.tsdb.Labels;

/**
 * Loki's view of a record: the labels of the stream it belongs to. A stream is one distinct label
 * set; the store computes it once per stream definition (see {@code LogStreamCatalogue}), never per
 * record.
 *
 * <ul>
 *   <li>Each resource attribute with a scalar value becomes a label: the key sanitised (every
 *       character outside {@code [a-zA-Z0-9_]} becomes {@code _}, a leading digit gets a {@code _}
 *       prefix), the value as {@link LogFields#attributeTerm} renders it. An empty value is no
 *       label (as in Prometheus). When two keys sanitise to one name, the first in sorted key order
 *       that has a non-empty value wins.</li>
 *   <li>Derived labels, each only when no resource attribute gave a label of that name:
 *       {@code service_name} (the service name, {@value #UNKNOWN_SERVICE} when empty); {@code job}
 *       ({@code service.namespace/service.name}, or the service name alone, when the service name
 *       is non-empty: Prometheus's OTLP rule); {@code level} (see {@link #level}); and
 *       {@code severity_text} when the record has one.</li>
 * </ul>
 *
 * Stateless; thread-safe.
 */
public final class LogStreams {
    public static final String SERVICE_NAME = "service_name";
    public static final String JOB = "job";
    public static final String LEVEL = "level";
    public static final String SEVERITY_TEXT = "severity_text";
    public static final String UNKNOWN_SERVICE = "unknown_service";
    /** Loki's {@code detected_level} values, by OpenTelemetry severity range (1-4, 5-8, ... 21-24). */
    public static final String[] LEVELS = {"trace", "debug", "info", "warn", "error", "fatal"};
    public static final String UNKNOWN_LEVEL = "unknown";

    private static final String SERVICE_NAMESPACE = "service.namespace";

    private LogStreams() {
    }

    /** The stream labels of {@code record}. */
    public static Labels labels(LogRecord record) {
        return labels(record.resource(), record.serviceName(), record.severityNumber(), record.severityText());
    }

    /** The stream labels of a record with these resource attributes, service and severity. */
    public static Labels labels(Map<String, Object> resource, String serviceName, int severityNumber, String severityText) {
        Map<String, String> labels = new TreeMap<>();
        for (Map.Entry<String, Object> attribute : new TreeMap<>(resource).entrySet()) {
            String text = LogFields.scalarText(attribute.getValue());
            if (text != null && !text.isEmpty()) {
                labels.putIfAbsent(sanitize(attribute.getKey()), text);
            }
        }
        labels.putIfAbsent(SERVICE_NAME, serviceName.isEmpty() ? UNKNOWN_SERVICE : serviceName);
        if (!serviceName.isEmpty()) {
            String namespace = LogFields.scalarText(resource.get(SERVICE_NAMESPACE));
            labels.putIfAbsent(JOB, namespace == null || namespace.isEmpty() ? serviceName : namespace + "/" + serviceName);
        }
        labels.putIfAbsent(LEVEL, level(severityNumber, severityText));
        if (!severityText.isEmpty()) {
            labels.putIfAbsent(SEVERITY_TEXT, severityText);
        }
        return Labels.of(labels);
    }

    /**
     * Loki's {@code detected_level} of an OpenTelemetry severity: 1-4 trace, 5-8 debug, 9-12 info,
     * 13-16 warn, 17-20 error, 21-24 fatal, anything else unknown. When the number is 0
     * (unspecified), a severity text that names a level (case-insensitively, with Loki's
     * abbreviations trc, dbg, inf, wrn, err, and also warning and critical) gives that level.
     */
    public static String level(int severityNumber, String severityText) {
        if (severityNumber >= 1 && severityNumber <= 24) {
            return LEVELS[(severityNumber - 1) / 4];
        }
        if (severityNumber == 0 && !severityText.isEmpty()) {
            return switch (severityText.toLowerCase(Locale.ROOT)) {
                case "trace", "trc" -> "trace";
                case "debug", "dbg" -> "debug";
                case "info", "inf" -> "info";
                case "warn", "wrn", "warning" -> "warn";
                case "error", "err" -> "error";
                case "critical" -> "critical";
                case "fatal" -> "fatal";
                default -> UNKNOWN_LEVEL;
            };
        }
        return UNKNOWN_LEVEL;
    }

    /** A label name from an attribute key: {@code [a-zA-Z0-9_]} kept, others {@code _}, no leading digit. */
    public static String sanitize(String key) {
        StringBuilder name = new StringBuilder(key.length() + 1);
        if (key.isEmpty() || (key.charAt(0) >= '0' && key.charAt(0) <= '9')) {
            name.append('_');
        }
        key.codePoints().forEach(c -> {
            boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            name.append(kept ? (char) c : '_');
        });
        return name.toString();
    }
}
