package io.sightline.ingest.export;

import java.util.List;

/**
 * Turns one signal's WAL entries into the requests of one protocol, a batch at a time. The
 * exporter adds entries in WAL order until {@link #pendingBytes()} reaches its batch size or the WAL
 * has nothing new, then {@link #drain() drains} the batch, sends every request and only then adds
 * the next entries; so an encoder may hand out requests over its own buffers, valid until its next
 * {@code add} (see {@link ExportRequest}). An encoder that shards (remote_write) keeps each series
 * in one shard, so a series' samples stay in order across shards sent in parallel.
 *
 * <p>Not thread-safe: one exporter thread uses it.
 */
public interface BatchEncoder {
    /**
     * Adds one WAL entry, {@code entry[0, length)} (its format byte included), after the exporter's
     * filters. The array is the exporter's read buffer: valid only during the call.
     *
     * @return items of the entry that passed the filters and are now pending
     * @throws io.sightline.ingest.otlp.CorruptEntryException if the entry cannot be read; nothing of
     *         it is pending then
     */
    int add(byte[] entry, int length);

    /** Adds an entry that is the whole array. */
    default int add(byte[] entry) {
        return add(entry, entry.length);
    }

    /**
     * Whether the next batch may be split into parallel requests: the exporter says yes after a
     * batch that filled to its size (it is behind, or the rate needs the parallelism) and no after
     * one a quiet WAL flushed by time. Only a sharding encoder (remote_write) acts on it.
     */
    default void splitNextBatch(boolean split) {
    }

    /** Items (samples, records, spans) pending since the last {@link #drain()}. */
    int pendingItems();

    /** Approximate uncompressed size of the pending requests, bytes. */
    long pendingBytes();

    /**
     * The pending batch as requests (one per non-empty shard; none when nothing is pending), and
     * an empty encoder again.
     */
    List<ExportRequest> drain();
}
