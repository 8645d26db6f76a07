package io.sightline.storage.traces;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One span as the trace store keeps it, independent of any wire protocol.
 *
 * <p>Attribute values are {@link String}, {@link Long}, {@link Double}, {@link Boolean},
 * {@code byte[]}, {@link List} or {@link Map} of those (nested as sent), in the order sent, as in
 * {@link io.sightline.storage.logs.LogRecord}.
 *
 * @param traceId            32 lowercase hex digits
 * @param spanId             16 lowercase hex digits
 * @param parentSpanId       16 lowercase hex digits, or "" for a root span
 * @param traceState         W3C trace state ("" when absent)
 * @param flags              W3C trace flags as sent in OTLP's {@code flags}
 * @param name               the span name (Jaeger's operation)
 * @param kind               OTLP span kind number: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer
 * @param startNanos         start, Unix epoch nanoseconds
 * @param endNanos           end, Unix epoch nanoseconds (not before the start)
 * @param statusCode         OTLP status code: 0 unset, 1 ok, 2 error
 * @param statusMessage      the status message ("" when absent)
 * @param serviceName        the resource's {@code service.name} ("" when absent)
 * @param resource           the other resource attributes
 * @param scopeName          instrumentation scope name ("" when absent)
 * @param scopeVersion       instrumentation scope version ("" when absent)
 * @param attributes         the span's own attributes
 * @param events             span events, in the order sent
 * @param links              links to other spans, in the order sent
 * @param droppedAttributes  attributes the sender dropped
 * @param droppedEvents      events the sender dropped
 * @param droppedLinks       links the sender dropped
 */
public record SpanRecord(String traceId, String spanId, String parentSpanId, String traceState, int flags,
                         String name, int kind, long startNanos, long endNanos, int statusCode,
                         String statusMessage, String serviceName, Map<String, Object> resource,
                         String scopeName, String scopeVersion, Map<String, Object> attributes,
                         List<SpanEvent> events, List<SpanLink> links, int droppedAttributes,
                         int droppedEvents, int droppedLinks) {
    public static final int KIND_UNSPECIFIED = 0;
    public static final int KIND_INTERNAL = 1;
    public static final int KIND_SERVER = 2;
    public static final int KIND_CLIENT = 3;
    public static final int KIND_PRODUCER = 4;
    public static final int KIND_CONSUMER = 5;
    public static final int STATUS_UNSET = 0;
    public static final int STATUS_OK = 1;
    public static final int STATUS_ERROR = 2;

    public SpanRecord {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
        Objects.requireNonNull(parentSpanId, "parentSpanId");
        Objects.requireNonNull(traceState, "traceState");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(statusMessage, "statusMessage");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(scopeName, "scopeName");
        Objects.requireNonNull(scopeVersion, "scopeVersion");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(links, "links");
    }

    /** The span's duration in nanoseconds (0 when the sender's end precedes its start). */
    public long durationNanos() {
        return Math.max(0, endNanos - startNanos);
    }

    /** Whether the span has no parent. */
    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    /**
     * A span event.
     *
     * @param timeNanos         Unix epoch nanoseconds
     * @param name              the event name
     * @param attributes        its attributes
     * @param droppedAttributes attributes the sender dropped
     */
    public record SpanEvent(long timeNanos, String name, Map<String, Object> attributes, int droppedAttributes) {
        public SpanEvent {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(attributes, "attributes");
        }
    }

    /**
     * A link to another span.
     *
     * @param traceId    32 lowercase hex digits
     * @param spanId     16 lowercase hex digits
     * @param traceState W3C trace state ("" when absent)
     * @param attributes its attributes
     * @param flags      W3C trace flags
     */
    public record SpanLink(String traceId, String spanId, String traceState, Map<String, Object> attributes,
                           int flags) {
        public SpanLink {
            Objects.requireNonNull(traceId, "traceId");
            Objects.requireNonNull(spanId, "spanId");
            Objects.requireNonNull(traceState, "traceState");
            Objects.requireNonNull(attributes, "attributes");
        }
    }
}
