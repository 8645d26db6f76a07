package io.sightline.storage.tsdb.chunk;

import io.sightline.storage.tsdb.SampleIterator;

/**
 * A sealed, immutable chunk of one series' samples in one of the encodings drawn in
 * {@code storage/docs/format/tsdb-chunks.md}: {@link XorChunk} (Gorilla, the head's and any
 * value's) or {@link IntChunk} (integers, or decimals with up to four places: in persisted blocks,
 * and for the head's sealed chunks once the compaction step re-encoded them). The encoding id is what a block's chunk segment stores before each chunk's bytes.
 * Implementations are thread-safe.
 */
public sealed interface Chunk permits XorChunk, IntChunk {
    /** Encoding id of {@link XorChunk}. */
    byte XOR = 1;
    /** Encoding id of {@link IntChunk}. */
    byte INT = 2;

    /** The id stored with the chunk ({@link #XOR} or {@link #INT}). */
    byte encoding();

    /** The encoded bytes; callers must not modify them. */
    byte[] bytes();

    /** First sample's time, Unix ms. */
    long minTime();

    /** Last sample's time, Unix ms. */
    long maxTime();

    int sampleCount();

    /** A fresh iterator over every sample; values come back bit for bit as appended. */
    SampleIterator iterator();

    /**
     * A fresh iterator whose seeks start from the hint in {@code hints} when it lies on their way,
     * and leave one there when they decoded many samples (see {@link SeekHint}); with null hints,
     * as {@link #iterator()}.
     */
    SampleIterator iterator(SeekHint.Slot hints);

    /**
     * A chunk over encoded bytes read back from disk (not copied).
     *
     * @throws IllegalArgumentException for an unknown encoding id or bytes too short for a header
     */
    static Chunk of(byte encoding, byte[] bytes, long minTime, long maxTime) {
        return switch (encoding) {
            case XOR -> new XorChunk(bytes, minTime, maxTime);
            case INT -> new IntChunk(bytes, minTime, maxTime);
            default -> throw new IllegalArgumentException("unknown chunk encoding " + encoding);
        };
    }
}
