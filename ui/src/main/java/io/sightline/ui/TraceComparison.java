package io.sightline.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two traces side by side. Spans are matched by service, operation and depth, in the order they
 * appear in each waterfall (the n-th {@code orders GET /stock} at depth 2 of A with the n-th of B):
 * the rows follow A's waterfall, and a span only B has comes right after the row of B's previous
 * span. Per operation (service + span name), the summed durations of each side and their difference.
 * Stateless.
 */
final class TraceComparison {
    private TraceComparison() {
    }

    /**
     * An aligned row: either side may be absent.
     *
     * @param a     A's span, or null
     * @param b     B's span, or null
     * @param depth the spans' depth
     */
    record Row(WaterfallRow a, WaterfallRow b, int depth) {
        public String service() {
            return (a != null ? a : b).span().serviceName();
        }

        public String operation() {
            return (a != null ? a : b).span().name();
        }

        public String durationA() {
            return a == null ? "–" : DurationText.of(a.span().durationNanos());
        }

        public String durationB() {
            return b == null ? "–" : DurationText.of(b.span().durationNanos());
        }

        /** B's duration minus A's as text, "" when a side is missing. */
        public String difference() {
            return a == null || b == null ? "" : DurationText.signed(differenceNanos());
        }

        /** B's duration minus A's, nanoseconds; 0 when a side is missing. */
        public long differenceNanos() {
            return a == null || b == null ? 0 : b.span().durationNanos() - a.span().durationNanos();
        }
    }

    /**
     * One operation's total time in each trace.
     *
     * @param service service name
     * @param operation span name
     * @param countA spans in A
     * @param nanosA their summed durations
     * @param countB spans in B
     * @param nanosB their summed durations
     */
    record Operation(String service, String operation, int countA, long nanosA, int countB, long nanosB) {
        public String timeA() {
            return DurationText.of(nanosA);
        }

        public String timeB() {
            return DurationText.of(nanosB);
        }

        public String difference() {
            return DurationText.signed(differenceNanos());
        }

        public long differenceNanos() {
            return nanosB - nanosA;
        }
    }

    /**
     * Both sides aligned.
     *
     * @param rows       aligned spans
     * @param operations per operation, the largest absolute difference first
     */
    record Result(List<Row> rows, List<Operation> operations) {
    }

    static Result of(List<WaterfallRow> a, List<WaterfallRow> b) {
        Map<Key, List<Integer>> bByKey = new HashMap<>();
        List<Key> bKeys = keys(b);
        for (int j = 0; j < b.size(); j++) {
            bByKey.computeIfAbsent(bKeys.get(j), k -> new ArrayList<>()).add(j);
        }
        List<Key> aKeys = keys(a);
        int[] matchOfB = new int[b.size()];
        java.util.Arrays.fill(matchOfB, -1);
        Integer[] matchOfA = new Integer[a.size()];
        for (int i = 0; i < a.size(); i++) {
            List<Integer> candidates = bByKey.get(aKeys.get(i));
            if (candidates != null && !candidates.isEmpty()) {
                int j = candidates.removeFirst();
                matchOfA[i] = j;
                matchOfB[j] = i;
            }
        }
        // B-only spans, grouped after the A row their previous matched B span is aligned with (-1: first).
        Map<Integer, List<Integer>> after = new HashMap<>();
        int anchor = -1;
        for (int j = 0; j < b.size(); j++) {
            if (matchOfB[j] >= 0) {
                anchor = matchOfB[j];
            } else {
                after.computeIfAbsent(anchor, k -> new ArrayList<>()).add(j);
            }
        }
        List<Row> rows = new ArrayList<>(a.size() + b.size());
        after.getOrDefault(-1, List.of()).forEach(j -> rows.add(new Row(null, b.get(j), b.get(j).depth())));
        for (int i = 0; i < a.size(); i++) {
            WaterfallRow matched = matchOfA[i] == null ? null : b.get(matchOfA[i]);
            rows.add(new Row(a.get(i), matched, a.get(i).depth()));
            after.getOrDefault(i, List.of()).forEach(j -> rows.add(new Row(null, b.get(j), b.get(j).depth())));
        }
        return new Result(List.copyOf(rows), operations(a, b));
    }

    private static List<Operation> operations(List<WaterfallRow> a, List<WaterfallRow> b) {
        Map<List<String>, long[]> totals = new LinkedHashMap<>();
        for (WaterfallRow row : a) {
            long[] t = totals.computeIfAbsent(List.of(row.span().serviceName(), row.span().name()), k -> new long[4]);
            t[0]++;
            t[1] += row.span().durationNanos();
        }
        for (WaterfallRow row : b) {
            long[] t = totals.computeIfAbsent(List.of(row.span().serviceName(), row.span().name()), k -> new long[4]);
            t[2]++;
            t[3] += row.span().durationNanos();
        }
        List<Operation> out = new ArrayList<>();
        totals.forEach((key, t) -> out.add(new Operation(key.get(0), key.get(1), (int) t[0], t[1], (int) t[2], t[3])));
        out.sort(Comparator.comparingLong((Operation o) -> Math.abs(o.differenceNanos())).reversed()
                .thenComparing(Operation::service).thenComparing(Operation::operation));
        return List.copyOf(out);
    }

    private record Key(String service, String operation, int depth) {
    }

    private static List<Key> keys(List<WaterfallRow> rows) {
        return rows.stream().map(r -> new Key(r.span().serviceName(), r.span().name(), r.depth())).toList();
    }
}
