package io.sightline.storage.tsdb;

/**
 * The write side of the TSDB, fed by the metrics applier from one thread. Samples arrive grouped
 * by WAL entry: {@link #commit(long)} marks that everything of entries up to an index has been
 * appended; the TSDB persists that index with its blocks so a restart replays the WAL from there.
 */
public interface SeriesAppender {
    /** What {@link #seriesRef} returns when an implementation has no reference fast path. */
    long NO_REF = -1;

    /**
     * Appends one sample. Within a series timestamps must not go back (beyond the configured
     * out-of-order window); a duplicate timestamp with the same value is ignored.
     *
     * @throws SampleRejectedException naming the series, time and reason when refused
     */
    void append(Labels labels, long timestampMs, double value);

    /**
     * The fast path, step one: a reference to the series with these labels, creating it if needed
     * (with the same limits as {@link #append(Labels, long, double)}). Callers cache it per label
     * set and append with {@link #append(long, long, double)}. {@link #NO_REF} when the
     * implementation has no fast path; then use {@link #append(Labels, long, double)}.
     *
     * @throws SampleRejectedException when a new series would break a limit
     */
    default long seriesRef(Labels labels) {
        return NO_REF;
    }

    /**
     * The fast path, step two: appends one sample to the series {@code seriesRef} names, with the
     * same rules as {@link #append(Labels, long, double)}. Returns false, appending nothing, when
     * the reference is unknown or no longer valid (the series was dropped from memory after it
     * went idle); the caller then asks {@link #seriesRef} again.
     *
     * @throws SampleRejectedException naming the series, time and reason when refused
     */
    default boolean append(long seriesRef, long timestampMs, double value) {
        return false;
    }

    /** Attaches an exemplar to the series {@code series}; exemplars are kept in a bounded buffer. */
    void appendExemplar(Labels series, Exemplar exemplar);

    /** Records what a sender says of a metric family; the latest wins. */
    void updateMetadata(MetricMetadata metadata);

    /** Everything from WAL entries up to {@code walIndex} has been appended. */
    void commit(long walIndex);

    /** The WAL index from which a restart must replay: the last index covered by durable data; -1 for none. */
    long durableWalIndex();
}
