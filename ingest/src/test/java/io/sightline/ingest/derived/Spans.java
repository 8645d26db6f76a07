package io.sightline.ingest.derived;

import java.util.List;
import java.util.Map;

import io.sightline.storage.traces.SpanRecord;

/** Spans for the derived-metrics tests: durations in milliseconds from a fixed start. */
final class Spans {
    static final long START = 1_700_000_000_000_000_000L;

    private Spans() {
    }

    static SpanRecord span(String service, Map<String, Object> resource, String traceId, String spanId,
            String parentSpanId, String name, int kind, int status, double millis, Map<String, Object> attributes) {
        return new SpanRecord(traceId, spanId, parentSpanId, "", 1, name, kind, START,
                START + Math.round(millis * 1_000_000), status, "", service, resource, "", "", attributes, List.of(),
                List.of(), 0, 0, 0);
    }

    static SpanRecord span(String service, String traceId, String spanId, String parentSpanId, int kind, int status,
            double millis) {
        return span(service, Map.of(), traceId, spanId, parentSpanId, "op", kind, status, millis, Map.of());
    }

    static String trace(int n) {
        return String.format("%032x", n);
    }

    static String id(int n) {
        return String.format("%016x", n);
    }
}
