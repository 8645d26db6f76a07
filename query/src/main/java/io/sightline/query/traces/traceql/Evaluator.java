package io.sightline.query.traces.traceql;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sightline.storage.traces.SpanRecord;

/**
 * Evaluates a {@link SpansetExpr} over the spans of one trace: which spans the query selects (the
 * trace matches when any is). Spansets are bit sets over the spans' positions. Spanset {@code &&}
 * keeps the union when both sides are non-empty, {@code ||} the union; {@code A > B} keeps the spans
 * of B whose parent is in A, {@code A >> B} those with an ancestor in A (parents looked up by span
 * id among the given spans; a parent that is not among them ends the chain). Stateless.
 */
final class Evaluator {
    private Evaluator() {
    }

    static BitSet evaluate(SpansetExpr expr, List<SpanRecord> spans) {
        return new Run(spans).spanset(expr);
    }

    private static final class Run {
        private final List<SpanRecord> spans;
        private int[] parents;

        Run(List<SpanRecord> spans) {
            this.spans = spans;
        }

        BitSet spanset(SpansetExpr expr) {
            return switch (expr) {
                case SpansetExpr.Filter f -> filter(f.condition());
                case SpansetExpr.Binary b -> binary(b);
            };
        }

        private BitSet filter(FieldExpr condition) {
            BitSet out = new BitSet(spans.size());
            for (int i = 0; i < spans.size(); i++) {
                if (SpanConditions.holds(condition, spans.get(i))) {
                    out.set(i);
                }
            }
            return out;
        }

        private BitSet binary(SpansetExpr.Binary b) {
            BitSet left = spanset(b.left());
            if (left.isEmpty() && b.op() != SpansetExpr.SpansetOp.OR) {
                return left;
            }
            BitSet right = spanset(b.right());
            return switch (b.op()) {
                case AND -> {
                    if (right.isEmpty()) {
                        yield right;
                    }
                    left.or(right);
                    yield left;
                }
                case OR -> {
                    left.or(right);
                    yield left;
                }
                case CHILD -> related(left, right, false);
                case DESCENDANT -> related(left, right, true);
            };
        }

        /** The spans of {@code right} whose parent (or any ancestor) is in {@code left}. */
        private BitSet related(BitSet left, BitSet right, boolean anyAncestor) {
            int[] parent = parents();
            BitSet out = new BitSet(spans.size());
            for (int i = right.nextSetBit(0); i >= 0; i = right.nextSetBit(i + 1)) {
                int p = parent[i];
                // A chain longer than the trace is a cycle in bad data: stop there.
                for (int steps = 0; p >= 0 && steps < spans.size(); steps++) {
                    if (left.get(p)) {
                        out.set(i);
                        break;
                    }
                    if (!anyAncestor) {
                        break;
                    }
                    p = parent[p];
                }
            }
            return out;
        }

        private int[] parents() {
            if (parents == null) {
                Map<String, Integer> byId = new HashMap<>(spans.size() * 2);
                for (int i = 0; i < spans.size(); i++) {
                    byId.putIfAbsent(spans.get(i).spanId(), i);
                }
                parents = new int[spans.size()];
                for (int i = 0; i < spans.size(); i++) {
                    SpanRecord span = spans.get(i);
                    Integer p = span.isRoot() ? null : byId.get(span.parentSpanId());
                    parents[i] = p == null || p == i ? -1 : p;
                }
            }
            return parents;
        }
    }
}
