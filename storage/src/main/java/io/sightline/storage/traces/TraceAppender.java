package io.sightline.storage.traces;

import java.util.List;

/**
 * The write side of the trace store. Spans arrive in batches tagged with the WAL index they came
 * from; the store keeps that index atomically with its data so a restart resumes exactly there.
 * Called from one applier thread.
 */
public interface TraceAppender {
    /**
     * Adds the spans of one WAL entry. An entry at or below {@link #durableWalIndex()} (a replay
     * after a crash) is skipped where it was already stored, so nothing is stored twice.
     */
    void append(long walIndex, List<SpanRecord> spans);

    /** The WAL index up to which every entry is durably stored; -1 when none is. */
    long durableWalIndex();
}
