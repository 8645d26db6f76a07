package io.sightline.sample.load;

import io.sightline.sample.load.GeneratedTrace.Attribute;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes generated traces as a Zipkin v2 JSON array (the body of {@code POST /api/v2/spans}),
 * carrying what the OTLP encoding carries, mapped as the OpenTelemetry Zipkin exporter maps it:
 * {@code traceId}, {@code id}, {@code parentId} as lower-case hex; {@code kind} (none for internal
 * spans); {@code name}; {@code timestamp} and {@code duration} in microseconds;
 * {@code localEndpoint} with the service's name and address; {@code remoteEndpoint.serviceName} for
 * calls; each event as an annotation whose value is its name and its attributes as a JSON object;
 * the attributes as {@code tags}, every value as text, plus {@code otel.status_code} and
 * {@code error} for a failed span. Resource attributes other than the service's name are left out:
 * Zipkin's model has no place for them but repeated tags.
 *
 * <p>Writes the ids and times at a fixed width and records where, for {@link SpanBody#stamp}.
 * Stateless.
 */
final class ZipkinSpanEncoder {

    private ZipkinSpanEncoder() {}

    static SpanBody encode(List<GeneratedTrace> traces) {
        int spans = traces.stream().mapToInt(t -> t.spans().size()).sum();
        int events = traces.stream().flatMap(t -> t.spans().stream()).mapToInt(s -> s.events().size()).sum();
        Sites sites = new Sites(spans, events);
        StringBuilder json = new StringBuilder(spans * 1_200).append('[');
        for (int t = 0; t < traces.size(); t++) {
            GeneratedTrace trace = traces.get(t);
            for (GeneratedTrace.Span s : trace.spans()) {
                if (json.length() > 1) {
                    json.append(',');
                }
                span(json, t, trace, s, sites);
            }
        }
        json.append(']');
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length != json.length()) {
            throw new IllegalStateException("a non-ASCII character moved the patch sites");
        }
        return new SpanBody(SpanBody.Format.ZIPKIN, bytes, traces, sites.done());
    }

    private static void span(StringBuilder j, int t, GeneratedTrace trace, GeneratedTrace.Span s, Sites sites) {
        j.append("{\"traceId\":\"");
        sites.traceId(j.length(), t);
        j.append(String.format("%016x%016x", trace.traceIdHigh(), trace.traceIdLow()));
        if (s.parentSpanId() != 0) {
            j.append("\",\"parentId\":\"");
            sites.spanId(j.length(), s.parentSpanId());
            j.append(String.format("%016x", s.parentSpanId()));
        }
        j.append("\",\"id\":\"");
        sites.spanId(j.length(), s.spanId());
        j.append(String.format("%016x", s.spanId())).append('"');
        if (s.kind().zipkinName != null) {
            j.append(",\"kind\":\"").append(s.kind().zipkinName).append('"');
        }
        j.append(",\"name\":").append(SummaryJson.quote(s.name()));
        j.append(",\"timestamp\":");
        time(j, sites, t, s.startOffsetNanos());
        j.append(",\"duration\":").append(s.durationNanos() / 1_000);
        j.append(",\"localEndpoint\":{\"serviceName\":").append(SummaryJson.quote(SpanBatchGenerator.SERVICES.get(s.service())))
                .append(",\"ipv4\":\"").append(SpanBatchGenerator.ipv4(s.service())).append("\"}");
        if (!s.remoteService().isEmpty()) {
            j.append(",\"remoteEndpoint\":{\"serviceName\":").append(SummaryJson.quote(s.remoteService())).append('}');
        }
        if (!s.events().isEmpty()) {
            j.append(",\"annotations\":[");
            for (int e = 0; e < s.events().size(); e++) {
                GeneratedTrace.Event event = s.events().get(e);
                j.append(e == 0 ? "" : ",").append("{\"timestamp\":");
                time(j, sites, t, event.offsetNanos());
                j.append(",\"value\":").append(SummaryJson.quote(annotation(event))).append('}');
            }
            j.append(']');
        }
        j.append(",\"tags\":{");
        boolean first = true;
        for (Attribute a : s.attributes()) {
            j.append(first ? "" : ",").append(SummaryJson.quote(a.key())).append(':').append(SummaryJson.quote(a.text()));
            first = false;
        }
        if (s.error()) {
            j.append(",\"otel.status_code\":\"ERROR\",\"error\":")
                    .append(SummaryJson.quote(s.statusMessage().isEmpty() ? "true" : s.statusMessage()));
        }
        j.append("}}");
    }

    /** An event as the OpenTelemetry Zipkin exporter writes it: {@code name {"key":"value",...}}. */
    static String annotation(GeneratedTrace.Event event) {
        StringBuilder v = new StringBuilder(event.name()).append(" {");
        for (int i = 0; i < event.attributes().size(); i++) {
            Attribute a = event.attributes().get(i);
            v.append(i == 0 ? "" : ",").append(SummaryJson.quote(a.key())).append(':');
            v.append(a.value() instanceof String ? SummaryJson.quote(a.text()) : a.text());
        }
        return v.append('}').toString();
    }

    private static void time(StringBuilder j, Sites sites, int t, long offsetNanos) {
        sites.time(j.length(), t, offsetNanos);
        j.append((OtlpSpanEncoder.BUILD_BASE_NANOS + offsetNanos) / 1_000); // 16 digits
    }

    /** Collects the patch sites while the JSON is written. */
    private static final class Sites {
        final int[] traceIdAt;
        final int[] traceIdTrace;
        final int[] spanIdAt;
        final long[] spanIdValue;
        final int[] timeAt;
        final int[] timeTrace;
        final long[] timeOffset;
        int traceIds;
        int spanIds;
        int times;

        Sites(int spans, int events) {
            traceIdAt = new int[spans];
            traceIdTrace = new int[spans];
            spanIdAt = new int[2 * spans];
            spanIdValue = new long[2 * spans];
            timeAt = new int[spans + events];
            timeTrace = new int[spans + events];
            timeOffset = new long[spans + events];
        }

        void traceId(int at, int trace) {
            traceIdAt[traceIds] = at;
            traceIdTrace[traceIds++] = trace;
        }

        void spanId(int at, long value) {
            spanIdAt[spanIds] = at;
            spanIdValue[spanIds++] = value;
        }

        void time(int at, int trace, long offset) {
            timeAt[times] = at;
            timeTrace[times] = trace;
            timeOffset[times++] = offset;
        }

        SpanBody.Sites done() {
            return new SpanBody.Sites(traceIdAt, traceIdTrace, java.util.Arrays.copyOf(spanIdAt, spanIds),
                    java.util.Arrays.copyOf(spanIdValue, spanIds), timeAt, timeTrace, timeOffset);
        }
    }
}
