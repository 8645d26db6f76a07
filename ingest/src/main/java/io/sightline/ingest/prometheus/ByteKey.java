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
     * A 64-bit multiply-xorshift mix (the finaliser constants of MurmurHash3) over eight bytes at a
     * time, folded to 32 bits: label blocks differ mostly in their last bytes, so every byte must
     * reach the result. Four lanes take 32 bytes a round, because one lane is a chain of multiplies
     * each waiting for the last (a 110-byte label block took ~120 cycles that way, a fifth of the
     * remote_write exporter's time); the last partial word is read as the range's final eight bytes,
     * overlapping, instead of byte by byte.
     */
    static int hash(byte[] bytes, int offset, int length) {
        long h = 0x9E3779B97F4A7C15L ^ length;
        int i = offset;
        int end = offset + length;
        if (length >= 32) {
            long h1 = 0xC2B2AE3D27D4EB4FL;
            long h2 = 0x165667B19E3779F9L;
            long h3 = 0x27D4EB2F165667C5L;
            for (; i + 32 <= end; i += 32) {
                h = mix(h ^ (long) LONGS.get(bytes, i));
                h1 = mix(h1 ^ (long) LONGS.get(bytes, i + 8));
                h2 = mix(h2 ^ (long) LONGS.get(bytes, i + 16));
                h3 = mix(h3 ^ (long) LONGS.get(bytes, i + 24));
            }
            h = h ^ Long.rotateLeft(h1, 17) ^ Long.rotateLeft(h2, 31) ^ Long.rotateLeft(h3, 47);
        }
        for (; i + 8 <= end; i += 8) {
            h = mix(h ^ (long) LONGS.get(bytes, i));
        }
        if (i < end) {
            if (length >= 8) {
                h = mix(h ^ (long) LONGS.get(bytes, end - 8));
            } else {
                for (; i < end; i++) {
                    h = (h ^ bytes[i]) * 0xC4CEB9FE1A85EC53L;
                }
            }
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }

    private static long mix(long h) {
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 32);
    }
}
