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

    /** Length-prefixed UTF-8. */
    void writeText(String text) {
        writeText(text, 0);
    }

    /** UTF-8 prefixed by its length times 2 (see {@link PartStrings}). */
    void writeTaggedText(String text) {
        writeText(text, 1);
    }

    /**
     * UTF-8 prefixed by its length shifted left by {@code shift}. ASCII (most keys and values) is
     * copied char by char without an intermediate array; anything else goes through the JDK's encoder.
     */
    private void writeText(String text, int shift) {
        int length = text.length();
        if (length < 64) {
            int start = this.length;
            if (start + 1 + length > bytes.length) {
                grow(1 + length);
            }
            int at = start + 1;
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    at = -1;
                    break;
                }
                bytes[at++] = (byte) c;
            }
            if (at >= 0) {
                bytes[start] = (byte) (length << shift); // < 128: a one-byte vint
                this.length = at;
                return;
            }
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        writeVIntUnchecked(utf8.length << shift);
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
