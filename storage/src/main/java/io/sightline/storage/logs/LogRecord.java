package io.sightline.storage.logs;

import java.util.Map;
import java.util.Objects;

/**
 * One log record as the store keeps it, independent of any wire protocol.
 *
 * <p>Attribute values are {@link String}, {@link Long}, {@link Double}, {@link Boolean},
 * {@code byte[]}, {@link java.util.List} or {@link Map} of those (nested as sent), in the order sent.
 *
 * @param timestampNanos         when the event happened, Unix epoch nanoseconds (0: unknown)
 * @param observedTimestampNanos when it was observed, Unix epoch nanoseconds (0: unknown)
 * @param severityNumber         OpenTelemetry severity number, 0 (unspecified) to 24
 * @param severityText           severity as the source wrote it ("" when absent)
 * @param body                   the message; a structured body is kept as its JSON text
 * @param serviceName            the resource's {@code service.name} ("" when absent)
 * @param resource               the other resource attributes
 * @param scopeName              instrumentation scope name ("" when absent)
 * @param scopeVersion           instrumentation scope version ("" when absent)
 * @param attributes             the record's own attributes
 * @param traceId                32 lowercase hex digits, or "" when the record has no trace
 * @param spanId                 16 lowercase hex digits, or ""
 * @param flags                  W3C trace flags
 */
public record LogRecord(long timestampNanos, long observedTimestampNanos, int severityNumber, String severityText,
                        String body, String serviceName, Map<String, Object> resource, String scopeName,
                        String scopeVersion, Map<String, Object> attributes, String traceId, String spanId,
                        int flags) {
    public LogRecord {
        Objects.requireNonNull(severityText, "severityText");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(scopeName, "scopeName");
        Objects.requireNonNull(scopeVersion, "scopeVersion");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
    }

    /** The time the record is filed under: its timestamp, else when it was observed. */
    public long effectiveTimeNanos() {
        return timestampNanos != 0 ? timestampNanos : observedTimestampNanos;
    }
}
