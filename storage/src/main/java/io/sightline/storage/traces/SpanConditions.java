package io.sightline.storage.traces;

import java.util.Map;

/**
 * The span conditions of a search, checked on one stored span: what decides a match (the index only
 * narrows to candidate parts). A span matches when it starts in the range and meets every condition.
 */
final class SpanConditions {
    private final TraceSearch search;
    private final long minDuration;
    private final long maxDuration;

    SpanConditions(TraceSearch search) {
        this.search = search;
        this.minDuration = search.minSpanDuration().toNanos();
        this.maxDuration = search.maxSpanDuration().toNanos();
    }

    boolean matches(SpanRecord span) {
        if (span.startNanos() < search.startNanos() || span.startNanos() >= search.endNanos()) {
            return false;
        }
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
        long duration = span.durationNanos();
        if (minDuration > 0 && duration < minDuration || maxDuration > 0 && duration > maxDuration) {
            return false;
        }
        for (TraceSearch.AttributeCondition condition : search.attributes()) {
            if (!matches(condition, span)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the whole trace, first start to last end, meets the trace duration bounds. */
    boolean traceMatches(long durationNanos) {
        long min = search.minTraceDuration().toNanos();
        long max = search.maxTraceDuration().toNanos();
        return (min <= 0 || durationNanos >= min) && (max <= 0 || durationNanos <= max);
    }

    static boolean matches(TraceSearch.AttributeCondition condition, SpanRecord span) {
        return switch (condition.scope()) {
            case SPAN -> equal(span.attributes(), condition);
            case RESOURCE -> inResource(condition, span);
            case ANY -> equal(span.attributes(), condition) || inResource(condition, span);
        };
    }

    private static boolean inResource(TraceSearch.AttributeCondition condition, SpanRecord span) {
        if (condition.key().equals("service.name")) {
            return condition.value().equals(span.serviceName());
        }
        return equal(span.resource(), condition);
    }

    private static boolean equal(Map<String, Object> attributes, TraceSearch.AttributeCondition condition) {
        Object value = attributes.get(condition.key());
        return value != null && condition.value().equals(TraceFields.text(value));
    }
}
