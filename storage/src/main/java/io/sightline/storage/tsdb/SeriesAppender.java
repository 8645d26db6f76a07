package io.sightline.storage.tsdb;

/**
 * The write side of the TSDB, fed by the metrics applier from one thread. Samples arrive grouped
 * by WAL entry: {@link #commit(long)} marks that everything of entries up to an index has been
 * appended; the TSDB persists that index with its blocks so a restart replays the WAL from there.
 */
public interface SeriesAppender {
    /**
     * Appends one sample. Within a series timestamps must not go back (beyond the configured
     * out-of-order window); a duplicate timestamp with the same value is ignored.
     *
     * @throws SampleRejectedException naming the series, time and reason when refused
     */
    void append(Labels labels, long timestampMs, double value);

    /** Attaches an exemplar to the series {@code series}; exemplars are kept in a bounded buffer. */
    void appendExemplar(Labels series, Exemplar exemplar);

    /** Records what a sender says of a metric family; the latest wins. */
    void updateMetadata(MetricMetadata metadata);

    /** Everything from WAL entries up to {@code walIndex} has been appended. */
    void commit(long walIndex);

    /** The WAL index from which a restart must replay: the last index covered by durable data; -1 for none. */
    long durableWalIndex();
}
