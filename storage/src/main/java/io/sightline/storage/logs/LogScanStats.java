package io.sightline.storage.logs;

import java.time.Duration;

/**
 * What a scan did, for an explain API and the UI.
 *
 * @param partitionsSearched day partitions whose index was searched
 * @param partitionsSkipped  day partitions in the time range not searched, as no stream of theirs
 *                           matched the selector (partitions outside the range are not counted)
 * @param streamsSelected    stream definitions selected, summed over partitions (several may share
 *                           one label set, e.g. severities 9 and 10 are both level "info")
 * @param luceneQuery        the query given to Lucene (of the last partition searched; the time
 *                           range and stream ids differ per partition), "" when none was searched
 * @param candidates         records the index returned
 * @param recordsRead        records loaded from stored fields (to verify line filters or to return them)
 * @param matched            records handed to the visitor
 * @param exactIndex         whether the index decided everything (no record needed reading to verify)
 * @param elapsed            time taken
 */
public record LogScanStats(int partitionsSearched, int partitionsSkipped, int streamsSelected, String luceneQuery,
                           long candidates, long recordsRead, long matched, boolean exactIndex, Duration elapsed) {
}
