package io.sightline.query.logql;

/**
 * What an evaluation cost, for Loki's {@code stats} object and the explain view.
 *
 * @param execNanos           wall time of the evaluation
 * @param linesProcessed      records read (from the index or stored records) before the pipeline
 * @param bytesProcessed      body bytes of those records
 * @param entriesReturned     log lines or samples in the answer
 * @param partitionsSearched  store partitions opened for the query
 * @param indexQuery          what went to the index, as text ("" when nothing did)
 */
public record LogqlStats(long execNanos, long linesProcessed, long bytesProcessed, long entriesReturned,
                         int partitionsSearched, String indexQuery) {
    public static final LogqlStats EMPTY = new LogqlStats(0, 0, 0, 0, 0, "");
}
