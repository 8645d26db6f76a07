package io.sightline.storage.logs;

import java.util.List;

import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/**
 * The read side of the log store. Thread-safe. Time ranges of the stream methods are
 * [start, end) in Unix epoch nanoseconds; stream labels are as {@link LogStreams} defines them.
 */
public interface LogQuerier {
    /** Records matching {@code search}, newest first, one page at a time. */
    LogPage search(LogSearch search);

    /**
     * Hands the records matching {@code scan} to {@code visitor}, in the scan's order, until the
     * limit, the end, or the visitor returns false.
     *
     * @throws LogScanLimitException past the scan's timeout or a store limit
     */
    LogScanStats scan(LogScan scan, LogRecordVisitor visitor);

    /**
     * As {@link #scan}, handing out only time, stream and body size, in <em>no particular order</em>
     * (the same matches as {@link #scan}; with a limit, the limit's first ones): when the line
     * filters are absent, the index answers alone and no record is read (the metric-query fast
     * path).
     */
    LogScanStats scanSamples(LogScan scan, LogSampleVisitor visitor);

    /** Label names of the streams with records in the range that {@code matchers} select (none: all), sorted. */
    List<String> labelNames(long startNanos, long endNanos, List<LabelMatcher> matchers);

    /** Values of one label among those streams, sorted. */
    List<String> labelValues(String name, long startNanos, long endNanos, List<LabelMatcher> matchers);

    /** The distinct stream label sets with records in the range that any selector selects, sorted. */
    List<Labels> series(long startNanos, long endNanos, List<List<LabelMatcher>> selectors);

    /** Loki's index stats for a selector and range. */
    LogIndexStats indexStats(long startNanos, long endNanos, List<LabelMatcher> matchers);
}
