package io.sightline.ui;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.sightline.storage.traces.SpanRecord;

/**
 * One waterfall row as the trace page renders it: the bar, and the span's details (kind, status,
 * duration, attributes, resource, events, links) and log records for its expandable panel. Every
 * text here is user data and goes through Thymeleaf's escaping.
 *
 * @param row        the laid-out span
 * @param indent     the label's indentation ({@code padding-left}), from the depth only
 * @param kind       the kind's name (server, client, ...)
 * @param status     unset, ok, or error with its message
 * @param duration   as {@link DurationText}
 * @param offset     start after the trace's start, as {@link DurationText}
 * @param attributes the span's attributes, then its scope and dropped counts
 * @param resource   the resource's attributes, {@code service.name} first
 * @param events     the span's events
 * @param links      "trace id / span id" of each link
 * @param logs       the trace's log records written in this span
 */
record SpanView(WaterfallRow row, String indent, String kind, String status, String duration, String offset,
                List<Field> attributes, List<Field> resource, List<Event> events, List<String> links, List<TraceLogRow> logs) {
    /** An attribute: key and its value as text. */
    record Field(String key, String value) {
    }

    /** A span event: when (after the span's start), its name and attributes as {@code k=v} text. */
    record Event(String offset, String name, String attributes) {
    }

    static SpanView of(WaterfallRow row, long traceStartNanos, List<TraceLogRow> logs) {
        SpanRecord span = row.span();
        List<Field> attributes = fields(span.attributes());
        if (!span.scopeName().isEmpty()) {
            attributes.add(new Field("otel.scope", span.scopeName() + (span.scopeVersion().isEmpty() ? "" : " " + span.scopeVersion())));
        }
        if (span.droppedAttributes() + span.droppedEvents() + span.droppedLinks() > 0) {
            attributes.add(new Field("dropped", span.droppedAttributes() + " attributes, " + span.droppedEvents()
                    + " events, " + span.droppedLinks() + " links"));
        }
        List<Field> resource = new ArrayList<>();
        resource.add(new Field("service.name", span.serviceName()));
        resource.addAll(fields(span.resource()));
        List<Event> events = span.events().stream().map(e -> new Event(DurationText.of(e.timeNanos() - span.startNanos()),
                e.name(), text(e.attributes()))).toList();
        List<String> links = span.links().stream().map(l -> l.traceId() + " / " + l.spanId()).toList();
        return new SpanView(row, (row.depth() * 1.1) + "em", kind(span.kind()), status(span),
                DurationText.of(span.durationNanos()), DurationText.of(span.startNanos() - traceStartNanos),
                List.copyOf(attributes), List.copyOf(resource), events, links, List.copyOf(logs));
    }

    static String kind(int kind) {
        return switch (kind) {
            case SpanRecord.KIND_INTERNAL -> "internal";
            case SpanRecord.KIND_SERVER -> "server";
            case SpanRecord.KIND_CLIENT -> "client";
            case SpanRecord.KIND_PRODUCER -> "producer";
            case SpanRecord.KIND_CONSUMER -> "consumer";
            default -> "unspecified";
        };
    }

    private static String status(SpanRecord span) {
        return switch (span.statusCode()) {
            case SpanRecord.STATUS_OK -> "ok";
            case SpanRecord.STATUS_ERROR -> span.statusMessage().isEmpty() ? "error" : "error: " + span.statusMessage();
            default -> "unset";
        };
    }

    private static List<Field> fields(Map<String, Object> attributes) {
        List<Field> out = new ArrayList<>(attributes.size());
        attributes.forEach((key, value) -> out.add(new Field(key, value(value))));
        return out;
    }

    private static String text(Map<String, Object> attributes) {
        return attributes.entrySet().stream().map(e -> e.getKey() + "=" + value(e.getValue()))
                .collect(Collectors.joining("  "));
    }

    /** An attribute value as text: bytes in base64, lists and maps as Java prints them. */
    static String value(Object value) {
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return String.valueOf(value);
    }
}
