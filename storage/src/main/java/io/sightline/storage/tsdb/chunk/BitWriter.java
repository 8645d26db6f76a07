package io.sightline.storage.tsdb.chunk;

import java.util.Arrays;

/**
 * Appends bits, most significant first, to a growing byte array that starts with a two-byte chunk
 * header. Bits are only ever OR-ed into zeroed bytes and a grown array is published through a
 * volatile field after the copy, so a reader that learned (through a volatile sample count) that
 * a prefix was written can read that prefix while this writer goes on. Single writer.
 */
final class BitWriter {
    private volatile byte[] bytes;
    /** Bits written, counting the header's 16. */
    private long bitCount;

    BitWriter(int initialBytes) {
        bytes = new byte[Math.max(initialBytes, XorChunk.HEADER_BYTES + 1)];
        bitCount = XorChunk.HEADER_BYTES * 8L;
    }

    /** The current array; its first {@link #byteLength()} bytes hold what was written. */
    byte[] bytes() {
        return bytes;
    }

    int byteLength() {
        return (int) ((bitCount + 7) >>> 3);
    }

    void writeBit(boolean bit) {
        ensure(1);
        if (bit) {
            byte[] b = bytes;
            b[(int) (bitCount >>> 3)] |= (byte) (0x80 >>> (bitCount & 7));
        }
        bitCount++;
    }

    /** Writes the low {@code n} bits of {@code value}, 0 <= n <= 64, most significant first. */
    void writeBits(long value, int n) {
        ensure(n);
        byte[] b = bytes;
        while (n > 0) {
            int index = (int) (bitCount >>> 3);
            int free = 8 - (int) (bitCount & 7);
            int take = Math.min(free, n);
            int chunk = (int) ((value >>> (n - take)) & ((1 << take) - 1));
            b[index] |= (byte) (chunk << (free - take));
            n -= take;
            bitCount += take;
        }
    }

    private void ensure(int bits) {
        int needed = (int) ((bitCount + bits + 7) >>> 3);
        byte[] b = bytes;
        if (needed > b.length) {
            // Grow by half: an open chunk of typical counters ends near 150-250 bytes.
            bytes = Arrays.copyOf(b, Math.max(needed, b.length + (b.length >> 1) + 8));
        }
    }

    /** A zigzag varint: 7 bits a byte, low first, so small values of either sign take one byte. */
    void writeVarint(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7fL) != 0) {
            writeBits((zigzag & 0x7f) | 0x80, 8);
            zigzag >>>= 7;
        }
        writeBits(zigzag, 8);
    }
}
