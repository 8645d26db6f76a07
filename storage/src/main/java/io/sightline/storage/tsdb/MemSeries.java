package io.sightline.storage.tsdb;

import io.sightline.storage.tsdb.chunk.XorAppender;
import io.sightline.storage.tsdb.chunk.Chunk;
import io.sightline.storage.tsdb.chunk.SeekHint;

/**
 * One series in the head: its interned labels and its chunks. The writer (holding the head's
 * append lock) replaces the {@link HeadChunks} snapshot whole whenever it cuts or drops a chunk,
 * by a volatile write; readers take the snapshot once and read sealed chunks freely and the open
 * chunk through its own publication scheme ({@link XorAppender}). Readers keep the {@link SeekHint}
 * of the newest sealed chunk here (the open chunk keeps its own): reads at "now" reach into it
 * whenever the open chunk is younger than their range; older chunks get none, so a series costs one
 * field rather than one per chunk.
 */
final class MemSeries implements SeekHint.Slot {
    final int id;
    final Labels labels;
    private volatile HeadChunks chunks = HeadChunks.EMPTY;
    /** Plain: hints are immutable, and one names the chunk it is for. */
    private SeekHint sealedSeekHint;

    // Writer state, guarded by the head's append lock.
    /** Newest sample's time and value bits, kept after its chunk is dropped, for duplicate checks. */
    long lastTime = Long.MIN_VALUE;
    long lastBits;
    /** Exclusive end of the block window the open chunk lies in: chunks never cross a window. */
    long openWindowEnd = Long.MIN_VALUE;
    /**
     * Sealed chunks ending at or before this time were tried for a smaller encoding already
     * ({@code Head.reencodeSealed}; read and written only by its one caller at a time).
     */
    long reencodedThrough = Long.MIN_VALUE;

    MemSeries(int id, Labels labels) {
        this.id = id;
        this.labels = labels;
    }

    HeadChunks chunks() {
        return chunks;
    }

    void publish(HeadChunks next) {
        chunks = next;
    }

    @Override
    public SeekHint seekHint() {
        return sealedSeekHint;
    }

    @Override
    public void seekHint(SeekHint hint) {
        sealedSeekHint = hint;
    }

    /**
     * Sealed chunks, oldest first (XOR or, for integer values, integer chunks), and the open chunk
     * (XOR, null when none). Immutable.
     */
    record HeadChunks(Chunk[] sealed, XorAppender open) {
        static final HeadChunks EMPTY = new HeadChunks(new Chunk[0], null);

        boolean isEmpty() {
            return sealed.length == 0 && open == null;
        }
    }
}
