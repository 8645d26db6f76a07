package io.sightline.storage.tsdb.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Reads bits, most significant first, from a byte array. Not thread-safe. */
final class BitReader {
    /** Eight bytes as one big-endian long: a field of up to 57 bits is then one shift pair. */
    private static final VarHandle LONG_BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;
    private long position;

    BitReader(byte[] bytes, long startBit) {
        this.bytes = bytes;
        this.position = startBit;
    }

    long position() {
        return position;
    }

    void position(long bit) {
        position = bit;
    }

    boolean readBit() {
        boolean bit = (bytes[(int) (position >>> 3)] & (0x80 >>> (position & 7))) != 0;
        position++;
        return bit;
    }

    /**
     * Reads {@code n} bits, 0 <= n <= 64, as an unsigned value: from one 8-byte word where the
     * array has 8 bytes left (decoding spends most of its time here), else byte by byte.
     */
    long readBits(int n) {
        if (n > 56) {
            long high = readBits(n - 32);
            return (high << 32) | readBits(32);
        }
        int index = (int) (position >>> 3);
        if (n > 0 && index + Long.BYTES <= bytes.length) {
            long word = (long) LONG_BIG_ENDIAN.get(bytes, index);
            int skip = (int) (position & 7);
            position += n;
            return (word << skip) >>> (Long.SIZE - n);
        }
        return readBitsByByte(n);
    }

    private long readBitsByByte(int n) {
        long value = 0;
        while (n > 0) {
            int index = (int) (position >>> 3);
            int available = 8 - (int) (position & 7);
            int take = Math.min(available, n);
            int chunk = ((bytes[index] & 0xff) >>> (available - take)) & ((1 << take) - 1);
            value = (value << take) | chunk;
            n -= take;
            position += take;
        }
        return value;
    }

    /** A zigzag varint as {@link BitWriter#writeVarint} writes it. */
    long readVarint() {
        long zigzag = 0;
        int shift = 0;
        long b;
        do {
            b = readBits(8);
            zigzag |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }
}
