package io.sightline.query.traces;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.sightline.storage.traces.SpanRecord;

/**
 * The critical path of a trace: the pieces of spans that bound its duration, as Jaeger UI computes
 * it (its {@code computeCriticalPath}, 2023). From the root, walk back from its end: the child that
 * finished last before the current point is on the path from its end to that point is the parent's
 * own time; the walk descends into that child from its end, and when a span has no such child left,
 * the rest of it back to its start is on the path and the walk returns to the parent at the span's
 * start. First, as Jaeger UI does, children are clipped to their parent's interval (a child that
 * outlives its parent counts only until the parent ends; one wholly outside it is dropped with its
 * descendants). A child counts as finished before a point when it ends at or before it (Jaeger UI
 * uses "before", which loses a child that ends exactly when its next sibling starts).
 *
 * <p>The sections tile the root span: they are contiguous and run from its start to its end;
 * neighbouring pieces of one span are joined.
 * Iterative (no recursion depth limit); each child is taken at most once. Stateless.
 */
public final class CriticalPath {
    private CriticalPath() {
    }

    /**
     * A piece of the path: a span's own time in [startNanos, endNanos).
     *
     * @param spanId     the span
     * @param startNanos Unix epoch nanoseconds
     * @param endNanos   Unix epoch nanoseconds, after the start
     */
    public record Section(String spanId, long startNanos, long endNanos) {
        public Section {
            Objects.requireNonNull(spanId, "spanId");
        }

        public long durationNanos() {
            return endNanos - startNanos;
        }
    }

    /**
     * The critical path of the trace made of {@code spans}, in time order; empty for no spans. The
     * root is the earliest-starting span without a parent, else (root not stored) the earliest span
     * whose parent is not among {@code spans}.
     */
    public static List<Section> of(List<SpanRecord> spans) {
        if (spans.isEmpty()) {
            return List.of();
        }
        Tree tree = Tree.clipped(spans);
        List<Section> path = new ArrayList<>();
        Node current = tree.root;
        long returning = Long.MIN_VALUE;
        boolean returningSet = false;
        while (true) {
            long end = returningSet ? returning : current.end;
            Node child = current.takeLastFinishing(end);
            if (child != null) {
                if (child.end < end) {
                    path.add(new Section(current.span.spanId(), child.end, end));
                }
                current = child;
                returningSet = false;
            } else {
                if (current.start < end) {
                    path.add(new Section(current.span.spanId(), current.start, end));
                }
                if (current.parent == null) {
                    break;
                }
                returning = current.start;
                returningSet = true;
                current = current.parent;
            }
        }
        Collections.reverse(path);
        return merged(path);
    }

    /** Joins neighbouring sections of one span (split by a zero-length child in between). */
    private static List<Section> merged(List<Section> path) {
        List<Section> out = new ArrayList<>(path.size());
        for (Section s : path) {
            Section last = out.isEmpty() ? null : out.getLast();
            if (last != null && last.spanId().equals(s.spanId()) && last.endNanos() == s.startNanos()) {
                out.set(out.size() - 1, new Section(s.spanId(), last.startNanos(), s.endNanos()));
            } else {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /** A span in the clipped tree. */
    private static final class Node {
        final SpanRecord span;
        final Node parent;
        final long start;
        final long end;
        final List<Node> children = new ArrayList<>();
        /** Children sorted by end, latest first; those before the cursor are taken or ineligible for good. */
        private int cursor;

        Node(SpanRecord span, Node parent, long start, long end) {
            this.span = span;
            this.parent = parent;
            this.start = start;
            this.end = end;
        }

        /**
         * The untaken child that ended last at or before {@code point}. The points a parent is asked
         * about only decrease (each is the start of a child taken before), so a child skipped for
         * ending too late never becomes eligible and one cursor suffices.
         */
        Node takeLastFinishing(long point) {
            while (cursor < children.size()) {
                Node child = children.get(cursor++);
                if (child.end <= point) {
                    return child;
                }
            }
            return null;
        }
    }

    private record Tree(Node root) {
        static Tree clipped(List<SpanRecord> spans) {
            Map<String, SpanRecord> byId = new HashMap<>();
            for (SpanRecord span : spans) {
                byId.putIfAbsent(span.spanId(), span);
            }
            Map<String, List<SpanRecord>> childrenOf = new HashMap<>();
            for (SpanRecord span : spans) {
                if (!span.isRoot() && byId.containsKey(span.parentSpanId()) && !span.parentSpanId().equals(span.spanId())) {
                    childrenOf.computeIfAbsent(span.parentSpanId(), k -> new ArrayList<>()).add(span);
                }
            }
            SpanRecord rootSpan = spans.stream().filter(SpanRecord::isRoot)
                    .min(Comparator.comparingLong(SpanRecord::startNanos))
                    .orElseGet(() -> spans.stream().filter(s -> !byId.containsKey(s.parentSpanId()))
                            .min(Comparator.comparingLong(SpanRecord::startNanos))
                            .orElse(spans.getFirst()));
            Node root = new Node(rootSpan, null, rootSpan.startNanos(), Math.max(rootSpan.startNanos(), rootSpan.endNanos()));
            ArrayDeque<Node> pending = new ArrayDeque<>();
            pending.add(root);
            Set<String> seen = new HashSet<>();
            seen.add(rootSpan.spanId());
            while (!pending.isEmpty()) {
                Node node = pending.poll();
                for (SpanRecord child : childrenOf.getOrDefault(node.span.spanId(), List.of())) {
                    long start = Math.max(child.startNanos(), node.start);
                    long end = Math.min(Math.max(child.startNanos(), child.endNanos()), node.end);
                    // Wholly outside the parent (or a cycle in bad data): dropped with its descendants.
                    if (start > end || child.startNanos() >= node.end || !seen.add(child.spanId())) {
                        continue;
                    }
                    Node c = new Node(child, node, start, end);
                    node.children.add(c);
                    pending.add(c);
                }
                node.children.sort(Comparator.comparingLong((Node n) -> n.end).reversed()
                        .thenComparing(Comparator.comparingLong((Node n) -> n.start).reversed()));
            }
            return new Tree(root);
        }
    }
}
