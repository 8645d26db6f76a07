package io.sightline.storage.tsdb.chunk;

import java.util.Arrays;

import io.sightline.storage.tsdb.SampleIterator;

/**
 * The open chunk of a series: encodes samples as they arrive (Gorilla, see {@link XorChunk}).
 *
 * <p>Thread-safety: one writer thread calls {@link #append}; any number of reader threads may call
 * {@link #iterator()} concurrently. The writer publishes each sample by a volatile write of the
 * sample count after its bits are in place; a reader reads the count first and decodes only that
 * many samples. Bits are only OR-ed into zeroed bytes and a grown array is published after the copy
 * (see {@link BitWriter}), so the prefix a reader decodes never changes under it.
 */
public final class XorAppender implements SeekHint.Slot {
    /** Bits of the leading-zero count in a new XOR window; longer runs are clamped (Gorilla). */
    private static final int LEADING_BITS = 5;
    private static final int MAX_LEADING = (1 << LEADING_BITS) - 1;

    private final BitWriter out;
    private volatile int count;
    private long minTime;
    private long lastTime;
    private long lastDelta;
    private long lastBits;
    private int lastLeading = -1;
    private int lastTrailing;
    /** Left by readers (see {@link SeekHint}); a plain field, as hints are immutable. */
    private SeekHint seekHint;

    /** @param expectedSamples sizes the first buffer (about two bytes a sample to start) */
    public XorAppender(int expectedSamples) {
        out = new BitWriter(Math.max(16, expectedSamples * 3 / 2));
    }

    /** Samples appended so far, as a reader may see them. */
    public int sampleCount() {
        return count;
    }

    /** First sample's time; meaningless while empty. */
    public long minTime() {
        return minTime;
    }

    /** Last sample's time (writer thread only; readers use an iterator). */
    public long maxTime() {
        return lastTime;
    }

    /** Encoded size so far, header included. */
    public int byteSize() {
        return out.byteLength();
    }

    /**
     * Appends a sample.
     *
     * @throws IllegalArgumentException when {@code timestamp} is not after the last sample's, or the
     *                                  chunk is full ({@link XorChunk#MAX_SAMPLES})
     */
    public void append(long timestamp, double value) {
        int n = count;
        long bits = Double.doubleToRawLongBits(value);
        if (n == 0) {
            out.writeVarint(timestamp);
            out.writeBits(bits, 64);
            minTime = timestamp;
        } else {
            if (timestamp <= lastTime) {
                throw new IllegalArgumentException("timestamp " + timestamp + " is not after the chunk's last " + lastTime);
            }
            if (n == XorChunk.MAX_SAMPLES) {
                throw new IllegalArgumentException("chunk is full at " + n + " samples");
            }
            long delta = timestamp - lastTime;
            writeDeltaOfDelta(n == 1 ? delta : delta - lastDelta);
            writeValue(bits);
            lastDelta = delta;
        }
        lastTime = timestamp;
        lastBits = bits;
        count = n + 1;
    }

    /** A sealed copy of the chunk: exact-size bytes with the sample count in the header. */
    public XorChunk seal() {
        int n = count;
        byte[] bytes = Arrays.copyOf(out.bytes(), out.byteLength());
        bytes[0] = (byte) (n >>> 8);
        bytes[1] = (byte) n;
        return new XorChunk(bytes, minTime, lastTime);
    }

    /**
     * An iterator over the samples published when it is created; safe from any thread. Its seeks use
     * and leave {@link SeekHint}s in this chunk.
     */
    public SampleIterator iterator() {
        int n = count;
        return new XorIterator(out.bytes(), n, this, this);
    }

    @Override
    public SeekHint seekHint() {
        return seekHint;
    }

    @Override
    public void seekHint(SeekHint hint) {
        seekHint = hint;
    }

    /**
     * Gorilla's delta-of-delta buckets, widened for milliseconds: '0' for 0, then '10'+7 bits (the
     * paper's first bucket: scrape jitter of up to ±64 ms), '110'+14, '1110'+20 bits two's
     * complement, else '1111'+64 bits. (Prometheus uses 14/17/20; the 7-bit bucket keeps a
     * jittered 15 s series at 9 bits a timestamp instead of 16.)
     */
    private void writeDeltaOfDelta(long dod) {
        if (dod == 0) {
            out.writeBit(false);
        } else if (fits(dod, 7)) {
            out.writeBits(0b10, 2);
            out.writeBits(dod, 7);
        } else if (fits(dod, 14)) {
            out.writeBits(0b110, 3);
            out.writeBits(dod, 14);
        } else if (fits(dod, 20)) {
            out.writeBits(0b1110, 4);
            out.writeBits(dod, 20);
        } else {
            out.writeBits(0b1111, 4);
            out.writeBits(dod, 64);
        }
    }

    private static boolean fits(long value, int bits) {
        long half = 1L << (bits - 1);
        return value >= -half && value < half;
    }

    /**
     * Gorilla's value encoding: '0' for an unchanged value; '10' + the meaningful bits when they fit
     * the previous window of leading/trailing zeros; '11' + 5 bits leading zeros + 6 bits length
     * (64 written as 0) + the meaningful bits otherwise.
     */
    private void writeValue(long bits) {
        long xor = bits ^ lastBits;
        if (xor == 0) {
            out.writeBit(false);
            return;
        }
        int leading = Math.min(Long.numberOfLeadingZeros(xor), MAX_LEADING);
        int trailing = Long.numberOfTrailingZeros(xor);
        int significant = 64 - leading - trailing;
        int windowBits = 64 - lastLeading - lastTrailing;
        // Reuse the window when the value fits it, unless a new, narrower window costs fewer bits
        // even with its 11-bit description (the paper always reuses; a counter's carry then keeps
        // a wide window for the rest of the chunk).
        if (lastLeading >= 0 && leading >= lastLeading && trailing >= lastTrailing
                && windowBits <= significant + LEADING_BITS + 6) {
            out.writeBits(0b10, 2);
            out.writeBits(xor >>> lastTrailing, windowBits);
            return;
        }
        out.writeBits(0b11, 2);
        out.writeBits(leading, LEADING_BITS);
        out.writeBits(significant & 63, 6);
        out.writeBits(xor >>> trailing, significant);
        lastLeading = leading;
        lastTrailing = trailing;
    }
}
