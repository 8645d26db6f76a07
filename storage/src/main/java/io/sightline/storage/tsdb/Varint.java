package io.sightline.storage.tsdb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** LEB128 variable-length integers as the block files use them (7 bits a byte, low first). */
final class Varint {
    private Varint() {
    }

    static void writeUnsigned(OutputStream out, long value) throws IOException {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** Zig-zag: small negative numbers stay short. */
    static void writeSigned(OutputStream out, long value) throws IOException {
        writeUnsigned(out, (value << 1) ^ (value >> 63));
    }

    static long readUnsigned(ByteBuffer in) {
        long value = 0;
        int shift = 0;
        byte b;
        do {
            b = in.get();
            value |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while (b < 0);
        return value;
    }

    static long readSigned(ByteBuffer in) {
        long zigzag = readUnsigned(in);
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    static int readInt(ByteBuffer in) {
        long value = readUnsigned(in);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalStateException("count " + value + " out of range");
        }
        return (int) value;
    }
}
