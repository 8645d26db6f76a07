package io.sightline.storage.wal;

import java.util.Arrays;

/**
 * One WAL entry read into a buffer that the next read reuses: {@code array()[0, length())}, at
 * {@link #index()}. For a consumer that is done with each entry before it reads the next (an
 * exporter encodes it into its own request), so reading allocates nothing per entry and the bytes
 * stay in cache. Not thread-safe.
 */
public final class WalEntryBuffer {
    private byte[] bytes = new byte[1 << 16];
    private int length;
    private long index = -1;

    /** The buffer: valid from 0 to {@link #length()} until the next read into it. */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** The entry's WAL index, -1 before the first read. */
    public long index() {
        return index;
    }

    /** Room for {@code length} bytes (contents not kept), set as the entry at {@code index}. */
    byte[] prepare(long index, int length) {
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, (int) Math.min(Integer.MAX_VALUE - 16, bytes.length * 2L))];
        }
        this.index = index;
        this.length = length;
        return bytes;
    }

    /** The entry as an array of its own size (a copy), for tests and rare paths. */
    public byte[] copy() {
        return Arrays.copyOf(bytes, length);
    }
}
