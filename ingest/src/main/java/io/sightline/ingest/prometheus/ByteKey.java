package io.sightline.ingest.prometheus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A hash-map key over a range of bytes, compared by content: a series' encoded label block. The
 * map stores keys over their own exact-size copies ({@link #copyOf}); look-ups use one reusable
 * probe ({@link #wrap}) over the request's scratch bytes, so finding a known series allocates
 * nothing. Mutable only through {@link #wrap}; a key stored in a map must never be re-wrapped.
 */
public class ByteKey {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int offset;
    private int length;
    private int hash;

    public ByteKey() {
    }

    protected ByteKey(byte[] bytes) {
        wrap(bytes, 0, bytes.length);
    }

    /** A key over a copy of the range. */
    public static ByteKey copyOf(byte[] bytes, int offset, int length) {
        return new ByteKey(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Points this (probe) key at a range and computes its hash. */
    public ByteKey wrap(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.hash = hash(bytes, offset, length);
        return this;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    @Override
    public final int hashCode() {
        return hash;
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof ByteKey other && other.hash == hash && other.length == length
                && Arrays.equals(bytes, offset, offset + length, other.bytes, other.offset, other.offset + length);
    }

    /**
     * A 64-bit multiply-xorshift mix over eight bytes at a time (the finaliser constants of
     * MurmurHash3), folded to 32 bits: label blocks differ mostly in their last bytes, so every
     * byte must reach the result.
     */
    static int hash(byte[] bytes, int offset, int length) {
        long h = 0x9E3779B97F4A7C15L ^ length;
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ (long) LONGS.get(bytes, i)) * 0xFF51AFD7ED558CCDL;
            h ^= h >>> 32;
        }
        for (; i < end; i++) {
            h = (h ^ bytes[i]) * 0xC4CEB9FE1A85EC53L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }
}
