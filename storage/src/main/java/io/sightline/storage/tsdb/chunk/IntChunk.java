package io.sightline.storage.tsdb.chunk;

import java.util.Objects;

import io.sightline.storage.tsdb.SampleIterator;

/**
 * A sealed, immutable integer chunk: samples whose values are all integers, or all decimals with at
 * most {@link IntChunkEncoder#MAX_SCALE} places, below 2^53 in magnitude once scaled (layout
 * "Integer chunk" in {@code storage/docs/format/tsdb-chunks.md}). Timestamps are Gorilla's
 * delta-of-delta, as in {@link XorChunk}; values are the scaled integers as deltas or
 * delta-of-deltas in variable-width buckets whose first width the encoder picks per chunk. A
 * counter rising by a few a scrape then costs 3–5 bits a value where XOR costs 15–25, because
 * every increment of a double flips many mantissa bits. Written by block re-encoding and by the
 * head's re-encoding of its sealed chunks ({@link IntChunkEncoder}); the head's open chunk is XOR.
 * Thread-safe.
 */
public final class IntChunk implements Chunk {
    /** Sample count (two bytes, big-endian), value and time parameter bytes, before the bit stream. */
    static final int HEADER_BYTES = 4;

    private final byte[] bytes;
    private final long minTime;
    private final long maxTime;

    /**
     * A chunk over encoded bytes (not copied; the caller gives up the array).
     *
     * @param minTime first sample's time, Unix ms
     * @param maxTime last sample's time, Unix ms
     */
    public IntChunk(byte[] bytes, long minTime, long maxTime) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < HEADER_BYTES) {
            throw new IllegalArgumentException("an integer chunk has at least " + HEADER_BYTES + " bytes, got "
                    + bytes.length);
        }
        int params = bytes[2] & 0xff;
        if (IntChunkEncoder.scaleOf(params) > IntChunkEncoder.MAX_SCALE) {
            throw new IllegalArgumentException("integer chunk scale " + IntChunkEncoder.scaleOf(params)
                    + " above " + IntChunkEncoder.MAX_SCALE);
        }
        this.minTime = minTime;
        this.maxTime = maxTime;
    }

    @Override
    public byte encoding() {
        return INT;
    }

    @Override
    public int sampleCount() {
        return XorChunk.sampleCount(bytes);
    }

    @Override
    public long minTime() {
        return minTime;
    }

    @Override
    public long maxTime() {
        return maxTime;
    }

    @Override
    public byte[] bytes() {
        return bytes;
    }

    /** Decimal places the stored integers are scaled by (0 for integer values). */
    public int scale() {
        return IntChunkEncoder.scaleOf(bytes[2] & 0xff);
    }

    @Override
    public SampleIterator iterator() {
        return new IntIterator(bytes, sampleCount());
    }

    @Override
    public SampleIterator iterator(SeekHint.Slot hints) {
        return new IntIterator(bytes, sampleCount(), this, hints);
    }
}
