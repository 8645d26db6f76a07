package io.sightline.storage.tsdb;

import java.util.List;

/**
 * The read side of the TSDB over a fixed time range [mint, maxt], inclusive Unix milliseconds (as
 * Prometheus's storage.Querier). Sees a consistent view: data appended after it was opened may or
 * may not appear. Thread-safe; close it to release the blocks it holds.
 */
public interface SeriesQuerier extends AutoCloseable {
    /**
     * The series matching every matcher that have at least one sample in range, sorted by labels.
     * At least one matcher should not match the empty string (the engine enforces this, as
     * Prometheus does).
     */
    List<Series> select(List<LabelMatcher> matchers);

    /** Label names of the series matching {@code matchers} (all series when empty), sorted. */
    List<String> labelNames(List<LabelMatcher> matchers);

    /** Values of label {@code name} among the series matching {@code matchers}, sorted. */
    List<String> labelValues(String name, List<LabelMatcher> matchers);

    @Override
    void close();
}
