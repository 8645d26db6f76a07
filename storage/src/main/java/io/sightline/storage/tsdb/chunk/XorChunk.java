package io.sightline.storage.tsdb.chunk;

import java.util.Objects;

import io.sightline.storage.tsdb.SampleIterator;

/**
 * A sealed, immutable XOR chunk: the bytes laid out in {@code storage/docs/format/tsdb-chunks.md}
 * ("XOR chunk"), with the time range they span. The encoding is Facebook's Gorilla (Pelkonen et
 * al., "Gorilla: A Fast, Scalable, In-Memory Time Series Database", VLDB 2015, section 4.1):
 * delta-of-delta timestamps and XOR-ed float values, with Prometheus's millisecond bucket widths.
 * Values are kept as raw IEEE 754 bits, so every NaN payload (stale markers included) and ±Inf
 * come back exactly. Thread-safe.
 */
public final class XorChunk implements Chunk {
    /** Two bytes of sample count, big-endian, before the bit stream. */
    static final int HEADER_BYTES = 2;

    /** The most samples a chunk can count in its header. */
    public static final int MAX_SAMPLES = 0xffff;

    private final byte[] bytes;
    private final long minTime;
    private final long maxTime;

    /**
     * A chunk over encoded bytes (not copied; the caller gives up the array).
     *
     * @param minTime first sample's time, Unix ms
     * @param maxTime last sample's time, Unix ms
     */
    public XorChunk(byte[] bytes, long minTime, long maxTime) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < HEADER_BYTES) {
            throw new IllegalArgumentException("a chunk has at least " + HEADER_BYTES + " bytes, got " + bytes.length);
        }
        this.minTime = minTime;
        this.maxTime = maxTime;
    }

    /** The sample count stored in an encoded chunk's header. */
    public static int sampleCount(byte[] bytes) {
        return ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
    }

    @Override
    public byte encoding() {
        return XOR;
    }

    @Override
    public int sampleCount() {
        return sampleCount(bytes);
    }

    @Override
    public long minTime() {
        return minTime;
    }

    @Override
    public long maxTime() {
        return maxTime;
    }

    /** The encoded bytes; callers must not modify them. */
    @Override
    public byte[] bytes() {
        return bytes;
    }

    /** A fresh iterator over every sample of the chunk. */
    @Override
    public SampleIterator iterator() {
        return new XorIterator(bytes, sampleCount());
    }

    @Override
    public SampleIterator iterator(SeekHint.Slot hints) {
        return new XorIterator(bytes, sampleCount(), this, hints);
    }
}
