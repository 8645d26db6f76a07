package io.sightline.storage.traces;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.lucene.store.DataOutput;

/**
 * A growable byte array written through Lucene's {@link DataOutput} methods (vints, zig-zag longs),
 * without the block list of Lucene's own buffers: a trace part is small and written once. Not
 * thread-safe.
 */
final class SpanBytes extends DataOutput {
    private byte[] bytes;
    private int length;

    SpanBytes(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    @Override
    public void writeByte(byte b) {
        if (length == bytes.length) {
            grow(1);
        }
        bytes[length++] = b;
    }

    @Override
    public void writeBytes(byte[] source, int offset, int count) {
        if (length + count > bytes.length) {
            grow(count);
        }
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    /** Length-prefixed UTF-8 through the JDK's intrinsic encoder (Lucene's writeString goes char by char). */
    void writeText(String text) {
        if (text.isEmpty()) {
            writeByte((byte) 0);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        writeVIntUnchecked(utf8.length);
        writeBytes(utf8, 0, utf8.length);
    }

    void writeVIntUnchecked(int value) {
        try {
            writeVInt(value);
        } catch (java.io.IOException e) {
            throw new AssertionError("in-memory output", e);
        }
    }

    void writeVLongUnchecked(long value) {
        try {
            writeVLong(value);
        } catch (java.io.IOException e) {
            throw new AssertionError("in-memory output", e);
        }
    }

    void writeZLongUnchecked(long value) {
        try {
            writeZLong(value);
        } catch (java.io.IOException e) {
            throw new AssertionError("in-memory output", e);
        }
    }

    void writeLongUnchecked(long value) {
        try {
            writeLong(value);
        } catch (java.io.IOException e) {
            throw new AssertionError("in-memory output", e);
        }
    }

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** Bytes held (for the heap bound of the span buffer). */
    int capacity() {
        return bytes.length;
    }

    private void grow(int needed) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length + (bytes.length >> 1), length + needed));
    }
}
