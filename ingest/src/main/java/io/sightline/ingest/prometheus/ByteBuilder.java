package io.sightline.ingest.prometheus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array with the few primitives the sample-batch format needs: unsigned and
 * zig-zag varints, little-endian fixed64, and length-prefixed UTF-8 strings written without an
 * intermediate array when they are ASCII. Not thread-safe; reused across requests by one owner.
 */
public final class ByteBuilder {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int size;

    public ByteBuilder(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    /** The backing array: valid from 0 to {@link #size()}; replaced when the builder grows. */
    public byte[] array() {
        return bytes;
    }

    public void clear() {
        size = 0;
    }

    /** Drops everything after {@code newSize}; or, after {@link #reserve}, counts the bytes written into the array. */
    public void truncate(int newSize) {
        size = newSize;
    }

    /**
     * Makes room for {@code more} bytes, for a caller that writes them straight into
     * {@link #array()} from {@link #size()} and then moves the size on with {@link #truncate}.
     */
    public void reserve(int more) {
        ensure(more);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    public void writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    public void writeVarint(long value) {
        ensure(10);
        size = putVarint(bytes, size, value);
    }

    /**
     * Writes {@code value} as an unsigned varint into {@code bytes} at {@code position} (room for
     * up to 10 bytes is the caller's), for writers that fill a {@link #reserve}d run directly.
     *
     * @return the position after it
     */
    public static int putVarint(byte[] bytes, int position, long value) {
        while ((value & ~0x7FL) != 0) {
            bytes[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[position++] = (byte) value;
        return position;
    }

    public void writeZigZag(long value) {
        writeVarint((value << 1) ^ (value >> 63));
    }

    public void writeFixed64(long value) {
        ensure(8);
        LONGS.set(bytes, size, value);
        size += 8;
    }

    public void writeFixed32(int value) {
        ensure(4);
        INTS.set(bytes, size, value);
        size += 4;
    }

    /** Overwrites four bytes at {@code position} (a count reserved earlier). */
    public void setFixed32(int position, int value) {
        INTS.set(bytes, position, value);
    }

    public void writeDouble(double value) {
        writeFixed64(Double.doubleToRawLongBits(value));
    }

    public void write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /** The string's UTF-8 bytes, no length (what {@link #writeString} writes after the length). */
    public void writeUtf8(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                write(utf8, 0, utf8.length);
                return;
            }
        }
        ensure(length);
        value.getBytes(0, length, bytes, size);
        size += length;
    }

    /** A varint byte length, then the string's UTF-8 bytes. */
    public void writeString(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                writeVarint(utf8.length);
                write(utf8, 0, utf8.length);
                return;
            }
        }
        writeVarint(length);
        ensure(length);
        value.getBytes(0, length, bytes, size);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
