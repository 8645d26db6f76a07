package io.sightline.query.traces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceQuerier;
import io.sightline.storage.traces.TraceSearch;
import io.sightline.storage.traces.TraceSummary;

/**
 * A test-only {@link TraceQuerier} over a list of spans, following the interface's Javadoc
 * literally (one span meeting every span condition, trace duration over all stored spans, newest
 * first). Stands in for the Lucene trace store in API-layer unit tests; remembers the searches it
 * was asked. Thread-safe for reads after {@link #add}.
 */
public final class InMemoryTraceQuerier implements TraceQuerier {
    private final List<SpanRecord> spans = new CopyOnWriteArrayList<>();
    public final List<TraceSearch> searches = new CopyOnWriteArrayList<>();

    public InMemoryTraceQuerier add(List<SpanRecord> more) {
        spans.addAll(more);
        return this;
    }

    @Override
    public List<SpanRecord> trace(String traceId, long startNanos, long endNanos) {
        return spans.stream().filter(s -> s.traceId().equals(traceId))
                .sorted(Comparator.comparingLong(SpanRecord::startNanos).thenComparing(SpanRecord::spanId))
                .toList();
    }

    @Override
    public List<TraceSummary> search(TraceSearch search) {
        searches.add(search);
        List<TraceSummary> out = new ArrayList<>();
        for (List<SpanRecord> trace : byTrace().values()) {
            List<String> matched = new ArrayList<>();
            for (SpanRecord span : trace) {
                if (span.startNanos() >= search.startNanos() && span.startNanos() < search.endNanos()
                        && meets(span, search)) {
                    matched.add(span.spanId());
                }
            }
            TraceSummary summary = summary(trace, matched);
            long duration = summary.durationNanos();
            if (matched.isEmpty()
                    || (!search.minTraceDuration().isZero() && duration < search.minTraceDuration().toNanos())
                    || (!search.maxTraceDuration().isZero() && duration > search.maxTraceDuration().toNanos())) {
                continue;
            }
            out.add(summary);
        }
        out.sort(Comparator.comparingLong(TraceSummary::startNanos).reversed());
        return List.copyOf(out.subList(0, Math.min(out.size(), search.limit())));
    }

    @Override
    public List<String> services(long startNanos, long endNanos) {
        return inRange(startNanos, endNanos).stream().map(SpanRecord::serviceName).distinct().sorted().toList();
    }

    @Override
    public List<Operation> operations(String service, long startNanos, long endNanos) {
        return inRange(startNanos, endNanos).stream().filter(s -> s.serviceName().equals(service))
                .map(s -> new Operation(s.name(), s.kind())).distinct()
                .sorted(Comparator.comparing(Operation::name).thenComparingInt(Operation::kind)).toList();
    }

    @Override
    public List<String> attributeKeys(TraceSearch.Scope scope, long startNanos, long endNanos) {
        TreeSet<String> keys = new TreeSet<>();
        for (SpanRecord s : inRange(startNanos, endNanos)) {
            if (scope != TraceSearch.Scope.RESOURCE) {
                keys.addAll(s.attributes().keySet());
            }
            if (scope != TraceSearch.Scope.SPAN) {
                keys.addAll(s.resource().keySet());
                keys.add("service.name");
            }
        }
        return List.copyOf(keys);
    }

    @Override
    public List<String> attributeValues(TraceSearch.Scope scope, String key, long startNanos, long endNanos, int limit) {
        TreeSet<String> values = new TreeSet<>();
        for (SpanRecord s : inRange(startNanos, endNanos)) {
            for (Object v : lookup(s, scope, key)) {
                values.add(text(v));
            }
        }
        return values.stream().limit(limit).toList();
    }

    private List<SpanRecord> inRange(long startNanos, long endNanos) {
        return spans.stream().filter(s -> s.startNanos() >= startNanos && s.startNanos() < endNanos).toList();
    }

    private Map<String, List<SpanRecord>> byTrace() {
        Map<String, List<SpanRecord>> out = new LinkedHashMap<>();
        for (SpanRecord s : spans) {
            out.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s);
        }
        out.replaceAll((k, v) -> v.stream().sorted(Comparator.comparingLong(SpanRecord::startNanos)
                .thenComparing(SpanRecord::spanId)).toList());
        return out;
    }

    private static TraceSummary summary(List<SpanRecord> trace, List<String> matched) {
        long start = trace.stream().mapToLong(SpanRecord::startNanos).min().orElse(0);
        long end = trace.stream().mapToLong(SpanRecord::endNanos).max().orElse(0);
        SpanRecord root = trace.stream().filter(SpanRecord::isRoot).findFirst().orElse(null);
        int errors = (int) trace.stream().filter(s -> s.statusCode() == SpanRecord.STATUS_ERROR).count();
        List<String> services = trace.stream().map(SpanRecord::serviceName).distinct().sorted().toList();
        return new TraceSummary(trace.getFirst().traceId(), start, end, root == null ? "" : root.serviceName(),
                root == null ? "" : root.name(), trace.size(), errors, services,
                matched.subList(0, Math.min(10, matched.size())));
    }

    private static boolean meets(SpanRecord span, TraceSearch search) {
        if (search.service().isPresent() && !search.service().get().equals(span.serviceName())) {
            return false;
        }
        if (search.operation().isPresent() && !search.operation().get().equals(span.name())) {
            return false;
        }
        if (search.kind().isPresent() && search.kind().getAsInt() != span.kind()) {
            return false;
        }
        if (search.statusCode().isPresent() && search.statusCode().getAsInt() != span.statusCode()) {
            return false;
        }
        long d = span.durationNanos();
        if (!search.minSpanDuration().isZero() && d < search.minSpanDuration().toNanos()) {
            return false;
        }
        if (!search.maxSpanDuration().isZero() && d > search.maxSpanDuration().toNanos()) {
            return false;
        }
        for (TraceSearch.AttributeCondition c : search.attributes()) {
            if (lookup(span, c.scope(), c.key()).stream().noneMatch(v -> text(v).equals(c.value()))) {
                return false;
            }
        }
        return true;
    }

    private static List<Object> lookup(SpanRecord span, TraceSearch.Scope scope, String key) {
        List<Object> out = new ArrayList<>();
        if (scope != TraceSearch.Scope.RESOURCE && span.attributes().containsKey(key)) {
            out.add(span.attributes().get(key));
        }
        if (scope != TraceSearch.Scope.SPAN) {
            if (key.equals("service.name") && !span.serviceName().isEmpty()) {
                out.add(span.serviceName());
            } else if (span.resource().containsKey(key)) {
                out.add(span.resource().get(key));
            }
        }
        return out;
    }

    /** A value as text, as {@link TraceSearch.AttributeCondition} defines it. */
    static String text(Object value) {
        return switch (value) {
            case Double d when d == Math.rint(d) && !d.isInfinite() -> Long.toString(d.longValue());
            case Double d -> Double.toString(d);
            default -> Objects.toString(value);
        };
    }
}
