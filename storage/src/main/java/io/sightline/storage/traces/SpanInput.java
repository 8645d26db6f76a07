package io.sightline.storage.traces;

import java.nio.charset.StandardCharsets;

import org.apache.lucene.store.DataInput;

/**
 * Reads what {@link SpanBytes} wrote, from an array slice, with Lucene's encodings for vints and
 * zig-zag longs. Strings are decoded straight from the array, without a copy. Not thread-safe.
 */
final class SpanInput extends DataInput {
    private final byte[] bytes;
    private final int end;
    private int position;

    SpanInput(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    @Override
    public byte readByte() {
        if (position >= end) {
            throw new CorruptTraceException("stored trace part ends early at byte " + position);
        }
        return bytes[position++];
    }

    @Override
    public void readBytes(byte[] target, int offset, int length) {
        require(length);
        System.arraycopy(bytes, position, target, offset, length);
        position += length;
    }

    @Override
    public void skipBytes(long count) {
        require(count);
        position += (int) count;
    }

    String readText() {
        return readText(readVIntUnchecked());
    }

    /** {@code length} bytes of UTF-8. */
    String readText(int length) {
        if (length == 0) {
            return "";
        }
        require(length);
        String text = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    int readVIntUnchecked() {
        try {
            return readVInt();
        } catch (java.io.IOException e) {
            throw new AssertionError("in-memory input", e);
        }
    }

    long readZLongUnchecked() {
        try {
            return readZLong();
        } catch (java.io.IOException e) {
            throw new AssertionError("in-memory input", e);
        }
    }

    long readLongUnchecked() {
        try {
            return readLong();
        } catch (java.io.IOException e) {
            throw new AssertionError("in-memory input", e);
        }
    }

    byte[] array() {
        return bytes;
    }

    int position() {
        return position;
    }

    boolean exhausted() {
        return position >= end;
    }

    private void require(long count) {
        if (count < 0 || position + count > end) {
            throw new CorruptTraceException("stored trace part ends early: " + count + " bytes wanted at byte "
                    + position + " of " + end);
        }
    }
}
