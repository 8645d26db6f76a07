package io.sightline.query.api.loki;

import java.util.List;
import java.util.Map;

import io.sightline.storage.tsdb.LabelMatcher;

/**
 * What the log store knows about its streams without reading records: label names and values,
 * stream label sets and size statistics over a time range, for Loki's {@code /labels},
 * {@code /label/<name>/values}, {@code /series} and {@code /index/stats}. The store's catalogue
 * implements it (adapted by the appliance). Times are Unix epoch nanoseconds, both ends inclusive; a
 * store may answer for a wider range (whole partitions), as Loki does. Implementations are
 * thread-safe and called on request threads.
 */
public interface LogCatalogue {
    /**
     * Label names of the streams with records in the range, sorted.
     *
     * @param selector matchers a stream must satisfy; empty for every stream
     */
    List<String> labelNames(long startNanos, long endNanos, List<LabelMatcher> selector);

    /**
     * Values of label {@code name} among the streams with records in the range, sorted; empty when no
     * stream has it.
     *
     * @param selector matchers a stream must satisfy; empty for every stream
     */
    List<String> labelValues(String name, long startNanos, long endNanos, List<LabelMatcher> selector);

    /**
     * Label sets of the streams with records in the range that satisfy any of {@code selectors}.
     *
     * @param selectors alternatives (Loki's repeated {@code match[]}); empty for every stream
     */
    List<Map<String, String>> series(long startNanos, long endNanos, List<List<LabelMatcher>> selectors);

    /** Size of what {@code selector} selects in the range. */
    IndexStats indexStats(long startNanos, long endNanos, List<LabelMatcher> selector);

    /**
     * Loki's {@code /index/stats} answer.
     *
     * @param streams streams selected
     * @param chunks  storage units holding their records (Sightline: partitions × streams touched, or
     *                whatever unit the store counts; Loki's chunks)
     * @param entries records
     * @param bytes   body bytes of those records
     */
    record IndexStats(long streams, long chunks, long entries, long bytes) {
        public static final IndexStats EMPTY = new IndexStats(0, 0, 0, 0);
    }
}
