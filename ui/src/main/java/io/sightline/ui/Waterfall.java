package io.sightline.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sightline.query.traces.CriticalPath;
import io.sightline.storage.traces.SpanRecord;

/**
 * A trace laid out as waterfall rows: spans in depth-first order (children by start time, then span
 * id), each with its depth in the tree and its bar as a percentage of the trace's duration, and the
 * critical path's sections as bars of their own. A span whose parent is not stored is drawn as a root,
 * as Jaeger UI does. Bad data (a span that is its own ancestor) cannot loop: a span is placed once.
 * Stateless; the lists it returns are immutable.
 */
final class Waterfall {
    private Waterfall() {
    }

    /**
     * A laid-out trace.
     *
     * @param startNanos    the earliest span start, Unix epoch nanoseconds
     * @param durationNanos to the latest span end
     * @param rows          one per span, depth-first
     */
    record Layout(long startNanos, long durationNanos, List<WaterfallRow> rows) {
    }

    /** Lays out {@code spans} (any order) with the critical path {@code path} ({@link CriticalPath#of}). */
    static Layout of(List<SpanRecord> spans, List<CriticalPath.Section> path) {
        if (spans.isEmpty()) {
            return new Layout(0, 0, List.of());
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (SpanRecord span : spans) {
            first = Math.min(first, span.startNanos());
            last = Math.max(last, Math.max(span.startNanos(), span.endNanos()));
        }
        long start = first;
        long duration = last - first;
        Map<String, List<CriticalPath.Section>> sections = new HashMap<>();
        for (CriticalPath.Section section : path) {
            sections.computeIfAbsent(section.spanId(), k -> new ArrayList<>()).add(section);
        }
        List<WaterfallRow> rows = new ArrayList<>(spans.size());
        for (Placed placed : depthFirst(spans)) {
            SpanRecord span = placed.span;
            List<WaterfallRow.Bar> critical = sections.getOrDefault(span.spanId(), List.of()).stream()
                    .map(s -> bar(s.startNanos(), s.endNanos(), start, duration)).toList();
            rows.add(new WaterfallRow(span, placed.depth, placed.children,
                    bar(span.startNanos(), Math.max(span.startNanos(), span.endNanos()), start, duration), critical));
        }
        return new Layout(start, duration, List.copyOf(rows));
    }

    /** A bar from {@code from} to {@code to}, in percent of {@code duration} after {@code start}, at least 0.1% wide. */
    static WaterfallRow.Bar bar(long from, long to, long start, long duration) {
        if (duration <= 0) {
            return new WaterfallRow.Bar(0, 100);
        }
        double offset = 100.0 * (from - start) / duration;
        double width = Math.max(0.1, 100.0 * (to - from) / duration);
        offset = Math.min(offset, 99.9);
        return new WaterfallRow.Bar(round(offset), round(Math.min(width, 100 - offset)));
    }

    private static double round(double percent) {
        return Math.round(percent * 1000) / 1000.0;
    }

    private record Placed(SpanRecord span, int depth, int children) {
    }

    private static List<Placed> depthFirst(List<SpanRecord> spans) {
        Comparator<SpanRecord> byStart = Comparator.comparingLong(SpanRecord::startNanos).thenComparing(SpanRecord::spanId);
        Set<String> ids = new HashSet<>();
        for (SpanRecord span : spans) {
            ids.add(span.spanId());
        }
        Map<String, List<SpanRecord>> childrenOf = new HashMap<>();
        List<SpanRecord> roots = new ArrayList<>();
        for (SpanRecord span : spans) {
            if (span.isRoot() || !ids.contains(span.parentSpanId()) || span.parentSpanId().equals(span.spanId())) {
                roots.add(span);
            } else {
                childrenOf.computeIfAbsent(span.parentSpanId(), k -> new ArrayList<>()).add(span);
            }
        }
        childrenOf.values().forEach(list -> list.sort(byStart));
        roots.sort(byStart);
        List<Placed> out = new ArrayList<>(spans.size());
        Set<String> placed = new HashSet<>();
        placeAll(roots, childrenOf, placed, out);
        // Spans only reachable through a cycle: shown as roots rather than dropped.
        List<SpanRecord> left = spans.stream().filter(s -> !placed.contains(s.spanId())).sorted(byStart).toList();
        while (!left.isEmpty()) {
            placeAll(List.of(left.getFirst()), childrenOf, placed, out);
            left = left.stream().filter(s -> !placed.contains(s.spanId())).toList();
        }
        return out;
    }

    /** Iterative depth-first walk (no recursion limit on deep traces). */
    private static void placeAll(List<SpanRecord> roots, Map<String, List<SpanRecord>> childrenOf, Set<String> placed,
                                 List<Placed> out) {
        ArrayDeque<Placed> stack = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(new Placed(roots.get(i), 0, 0));
        }
        while (!stack.isEmpty()) {
            Placed next = stack.pop();
            if (!placed.add(next.span.spanId())) {
                continue;
            }
            List<SpanRecord> children = childrenOf.getOrDefault(next.span.spanId(), List.of()).stream()
                    .filter(c -> !placed.contains(c.spanId())).toList();
            out.add(new Placed(next.span, next.depth, children.size()));
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(new Placed(children.get(i), next.depth + 1, 0));
            }
        }
    }
}
