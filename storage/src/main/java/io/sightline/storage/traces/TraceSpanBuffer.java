package io.sightline.storage.traces;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spans appended since the last write to the indexes, grouped into trace parts per day, with the WAL
 * index of the last entry appended. The store swaps it for an empty one ({@link #take}) to write it
 * out; a commit made right after holds exactly the entries up to {@link Taken#walIndex()}. Callers
 * hold the buffer's monitor for {@link #add} and {@link #endEntry}.
 */
final class TraceSpanBuffer {
    private Map<LocalDate, Map<String, TracePartBuilder>> parts = new HashMap<>();
    private int spans;
    private long walIndex;

    /** What a {@link #take} removed: the parts per day and the WAL index they are complete up to. */
    record Taken(Map<LocalDate, Map<String, TracePartBuilder>> parts, int spans, long walIndex) {
    }

    TraceSpanBuffer(long walIndex) {
        this.walIndex = walIndex;
    }

    /** Adds one span to its trace's part of {@code day}. Caller holds the monitor. */
    void add(LocalDate day, SpanRecord span, ResourceId resource, List<String> resourceTerms, Set<String> indexedKeys) {
        Map<String, TracePartBuilder> traces = parts.computeIfAbsent(day, d -> new HashMap<>());
        TracePartBuilder part = traces.get(span.traceId());
        if (part == null) {
            part = new TracePartBuilder(span.traceId(), span.startNanos());
            traces.put(span.traceId(), part);
        }
        part.add(span, resource, resourceTerms, indexedKeys);
        spans++;
    }

    /** Records that every span of entry {@code index} is added. Caller holds the monitor. */
    void endEntry(long index) {
        walIndex = index;
    }

    synchronized long walIndex() {
        return walIndex;
    }

    synchronized int spans() {
        return spans;
    }

    /** Removes and returns everything buffered. */
    synchronized Taken take() {
        Taken taken = new Taken(parts, spans, walIndex);
        parts = new HashMap<>();
        spans = 0;
        return taken;
    }
}
