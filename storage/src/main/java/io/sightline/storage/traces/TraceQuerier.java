package io.sightline.storage.traces;

import java.util.List;

/**
 * The read side of the trace store: what the Jaeger and Tempo APIs and the trace search engine
 * ask. Times are Unix epoch nanoseconds, ranges [start, end). Thread-safe.
 */
public interface TraceQuerier {
    /**
     * Every stored span of a trace, ordered by start time (then span id); empty when none is
     * stored. The range narrows which partitions are read (spans of the trace that started outside
     * it are still returned when their partition is read); use 0 and {@link Long#MAX_VALUE} for all.
     *
     * @param traceId 32 lowercase hex digits
     */
    List<SpanRecord> trace(String traceId, long startNanos, long endNanos);

    /**
     * The traces that match, newest first (by the trace's start), at most {@link TraceSearch#limit()}.
     *
     * @throws TraceSearchException past the search's timeout or a store limit
     */
    List<TraceSummary> search(TraceSearch search);

    /** Service names with spans in the range, sorted; kept current without scanning spans. */
    List<String> services(long startNanos, long endNanos);

    /** The (span name, kind) pairs of one service's spans in the range, sorted by name then kind. */
    List<Operation> operations(String service, long startNanos, long endNanos);

    /**
     * Attribute keys seen in the range, sorted; bounded per partition by the store's catalogue limit.
     *
     * @param scope {@link TraceSearch.Scope#SPAN}, {@link TraceSearch.Scope#RESOURCE} or ANY for both
     */
    List<String> attributeKeys(TraceSearch.Scope scope, long startNanos, long endNanos);

    /**
     * Values (as text, see {@link TraceSearch.AttributeCondition}) seen for one attribute key in the
     * range, sorted, at most {@code limit}; bounded per key and partition by the catalogue limit.
     */
    List<String> attributeValues(TraceSearch.Scope scope, String key, long startNanos, long endNanos, int limit);

    /**
     * A span name and kind of a service.
     *
     * @param name the span name
     * @param kind OTLP span kind number
     */
    record Operation(String name, int kind) {
    }
}
