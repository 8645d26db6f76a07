package io.sightline.ingest.otlp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.storage.traces.SpanRecord;

/**
 * Maps OTLP spans (a traces WAL entry, {@link WalEntries#decode}) to the trace store's
 * {@link SpanRecord}: ids become lowercase hex ("" when empty), {@code service.name} moves from the
 * resource attributes to its own field ("" when absent; a non-string value as its string form),
 * attributes of resources, spans, events and links are mapped as for logs ({@link OtlpAttributes});
 * kind and status code stay OTLP's numbers. The other resource attributes are one unmodifiable map
 * shared by every span of the resource. Thread-safe (stateless).
 */
public final class OtlpSpanMapper {
    private static final String SERVICE_NAME = "service.name";
    private static final HexFormat HEX = HexFormat.of();

    private OtlpSpanMapper() {
    }

    /** Every span of {@code request}, in the order sent. */
    public static List<SpanRecord> map(ExportTraceServiceRequest request) {
        List<SpanRecord> spans = new ArrayList<>(spanCount(request));
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            Map<String, Object> resource = OtlpAttributes.map(resourceSpans.getResource().getAttributesList());
            Object service = resource.remove(SERVICE_NAME);
            String serviceName = service instanceof String name ? name : service == null ? "" : String.valueOf(service);
            Map<String, Object> sharedResource = resource.isEmpty() ? Map.of() : Collections.unmodifiableMap(resource);
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                String scopeName = scopeSpans.getScope().getName();
                String scopeVersion = scopeSpans.getScope().getVersion();
                for (Span span : scopeSpans.getSpansList()) {
                    spans.add(new SpanRecord(
                            hex(span.getTraceId()),
                            hex(span.getSpanId()),
                            hex(span.getParentSpanId()),
                            span.getTraceState(),
                            span.getFlags(),
                            span.getName(),
                            span.getKindValue(),
                            span.getStartTimeUnixNano(),
                            span.getEndTimeUnixNano(),
                            span.getStatus().getCodeValue(),
                            span.getStatus().getMessage(),
                            serviceName,
                            sharedResource,
                            scopeName,
                            scopeVersion,
                            attributes(span.getAttributesList()),
                            events(span),
                            links(span),
                            span.getDroppedAttributesCount(),
                            span.getDroppedEventsCount(),
                            span.getDroppedLinksCount()));
                }
            }
        }
        return spans;
    }

    private static int spanCount(ExportTraceServiceRequest request) {
        int count = 0;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                count += scopeSpans.getSpansCount();
            }
        }
        return count;
    }

    private static List<SpanRecord.SpanEvent> events(Span span) {
        if (span.getEventsCount() == 0) {
            return List.of();
        }
        List<SpanRecord.SpanEvent> events = new ArrayList<>(span.getEventsCount());
        for (Span.Event event : span.getEventsList()) {
            events.add(new SpanRecord.SpanEvent(event.getTimeUnixNano(), event.getName(),
                    attributes(event.getAttributesList()), event.getDroppedAttributesCount()));
        }
        return events;
    }

    private static List<SpanRecord.SpanLink> links(Span span) {
        if (span.getLinksCount() == 0) {
            return List.of();
        }
        List<SpanRecord.SpanLink> links = new ArrayList<>(span.getLinksCount());
        for (Span.Link link : span.getLinksList()) {
            links.add(new SpanRecord.SpanLink(hex(link.getTraceId()), hex(link.getSpanId()), link.getTraceState(),
                    attributes(link.getAttributesList()), link.getFlags()));
        }
        return links;
    }

    /** Attributes as {@link OtlpAttributes#map}; none is a shared empty map (events and links mostly have none). */
    private static Map<String, Object> attributes(List<KeyValue> attributes) {
        return attributes.isEmpty() ? Map.of() : OtlpAttributes.map(attributes);
    }

    private static String hex(ByteString id) {
        return id.isEmpty() ? "" : HEX.formatHex(id.toByteArray());
    }
}
