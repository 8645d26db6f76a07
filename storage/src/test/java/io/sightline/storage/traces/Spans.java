package io.sightline.storage.traces;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Test spans and searches, built field by field. */
final class Spans {
    private Spans() {
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    static Builder span(String traceId, String spanId) {
        return new Builder(traceId, spanId);
    }

    static String traceId(int n) {
        return String.format("%032x", 0xabcdef000000L + n);
    }

    static String spanId(int n) {
        return String.format("%016x", 0x5000L + n);
    }

    static final class Builder {
        private final String traceId;
        private final String spanId;
        private String parent = "";
        private String name = "GET /";
        private String service = "frontend";
        private int kind = SpanRecord.KIND_SERVER;
        private int status = SpanRecord.STATUS_UNSET;
        private long start;
        private long duration = 1_000_000;
        private Map<String, Object> attributes = Map.of();
        private Map<String, Object> resource = Map.of("host.name", "node-1");

        Builder(String traceId, String spanId) {
            this.traceId = traceId;
            this.spanId = spanId;
        }

        Builder parent(String value) {
            parent = value;
            return this;
        }

        Builder name(String value) {
            name = value;
            return this;
        }

        Builder service(String value) {
            service = value;
            return this;
        }

        Builder kind(int value) {
            kind = value;
            return this;
        }

        Builder status(int value) {
            status = value;
            return this;
        }

        Builder start(Instant value) {
            start = nanos(value);
            return this;
        }

        Builder startNanos(long value) {
            start = value;
            return this;
        }

        Builder duration(Duration value) {
            duration = value.toNanos();
            return this;
        }

        Builder attributes(Map<String, Object> value) {
            attributes = value;
            return this;
        }

        Builder resource(Map<String, Object> value) {
            resource = value;
            return this;
        }

        SpanRecord build() {
            return new SpanRecord(traceId, spanId, parent, "", 1, name, kind, start, start + duration, status, "",
                    service, resource, "io.test", "1.0", attributes, List.of(), List.of(), 0, 0, 0);
        }
    }

    static SearchBuilder search(Instant from, Instant to) {
        return new SearchBuilder(nanos(from), nanos(to));
    }

    static final class SearchBuilder {
        private final long start;
        private final long end;
        private Optional<String> service = Optional.empty();
        private Optional<String> operation = Optional.empty();
        private OptionalInt kind = OptionalInt.empty();
        private OptionalInt status = OptionalInt.empty();
        private final java.util.List<TraceSearch.AttributeCondition> attributes = new java.util.ArrayList<>();
        private Duration minSpan = Duration.ZERO;
        private Duration maxSpan = Duration.ZERO;
        private Duration minTrace = Duration.ZERO;
        private Duration maxTrace = Duration.ZERO;
        private int limit = 20;
        private Duration timeout = Duration.ofSeconds(30);

        SearchBuilder(long start, long end) {
            this.start = start;
            this.end = end;
        }

        SearchBuilder service(String value) {
            service = Optional.of(value);
            return this;
        }

        SearchBuilder operation(String value) {
            operation = Optional.of(value);
            return this;
        }

        SearchBuilder kind(int value) {
            kind = OptionalInt.of(value);
            return this;
        }

        SearchBuilder status(int value) {
            status = OptionalInt.of(value);
            return this;
        }

        SearchBuilder attribute(TraceSearch.Scope scope, String key, String value) {
            attributes.add(new TraceSearch.AttributeCondition(scope, key, value));
            return this;
        }

        SearchBuilder spanDuration(Duration min, Duration max) {
            minSpan = min;
            maxSpan = max;
            return this;
        }

        SearchBuilder traceDuration(Duration min, Duration max) {
            minTrace = min;
            maxTrace = max;
            return this;
        }

        SearchBuilder limit(int value) {
            limit = value;
            return this;
        }

        SearchBuilder timeout(Duration value) {
            timeout = value;
            return this;
        }

        TraceSearch build() {
            return new TraceSearch(start, end, service, operation, kind, status, attributes, minSpan, maxSpan, minTrace,
                    maxTrace, limit, timeout);
        }
    }
}
