package io.sightline.sample.load;

import java.util.List;

/**
 * One generated trace in a wire-neutral form, so that {@link OtlpSpanEncoder} and
 * {@link ZipkinSpanEncoder} write the same spans: ids, services, names, kinds, times relative to
 * the trace's start, attributes, status and events.
 *
 * @param traceIdHigh the trace id's first 8 bytes, big-endian
 * @param traceIdLow the trace id's last 8 bytes, big-endian
 * @param lengthNanos from the trace's start to the end of its last span (consumers may outlive
 *     the root)
 * @param spans the spans, root first, every parent before its children
 */
record GeneratedTrace(long traceIdHigh, long traceIdLow, long lengthNanos, List<Span> spans) {

    GeneratedTrace {
        spans = List.copyOf(spans);
    }

    /** The span kinds of OTLP; Zipkin has no internal kind (it leaves {@code kind} out). */
    enum Kind {
        INTERNAL(1, null),
        SERVER(2, "SERVER"),
        CLIENT(3, "CLIENT"),
        PRODUCER(4, "PRODUCER"),
        CONSUMER(5, "CONSUMER");

        /** {@code opentelemetry.proto.trace.v1.Span.SpanKind}'s number. */
        final int otlpNumber;
        /** Zipkin v2's {@code kind}, or null for none. */
        final String zipkinName;

        Kind(int otlpNumber, String zipkinName) {
            this.otlpNumber = otlpNumber;
            this.zipkinName = zipkinName;
        }
    }

    /**
     * An attribute: a string, a {@link Long}, a {@link Double} or a {@link Boolean} (OTLP's typed
     * values; Zipkin's tags are their text).
     */
    record Attribute(String key, Object value) {
        Attribute {
            if (!(value instanceof String || value instanceof Long || value instanceof Double
                    || value instanceof Boolean)) {
                throw new IllegalArgumentException(key + ": unsupported value " + value);
            }
        }

        /** The value as text, as a Zipkin tag carries it. */
        String text() {
            return value.toString();
        }
    }

    /** A span event (an exception), {@code offsetNanos} after the trace's start. */
    record Event(long offsetNanos, String name, List<Attribute> attributes) {
        Event {
            attributes = List.copyOf(attributes);
        }
    }

    /**
     * @param spanId never 0
     * @param parentSpanId 0 for the root
     * @param service index into {@link SpanBatchGenerator#SERVICES}
     * @param startOffsetNanos from the trace's start, at least 0
     * @param durationNanos at least 1 µs, so Zipkin's microseconds are never 0
     * @param error whether the status is ERROR
     * @param statusMessage the error's description; empty when not an error
     * @param remoteService the called service's name for client and producer spans (Zipkin's
     *     {@code remoteEndpoint.serviceName}); empty for none
     */
    record Span(long spanId, long parentSpanId, int service, String name, Kind kind, long startOffsetNanos,
            long durationNanos, List<Attribute> attributes, boolean error, String statusMessage,
            List<Event> events, String remoteService) {
        Span {
            attributes = List.copyOf(attributes);
            events = List.copyOf(events);
        }

        long endOffsetNanos() {
            return startOffsetNanos + durationNanos;
        }
    }
}
