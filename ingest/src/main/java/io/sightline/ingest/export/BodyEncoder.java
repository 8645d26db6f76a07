package io.sightline.ingest.export;

import java.util.zip.CRC32;
import java.util.zip.Deflater;

import io.airlift.compress.v3.snappy.SnappyCompressor;

/**
 * Compresses request bodies per a {@link BodyCoding} into a buffer it keeps, with a compressor it
 * keeps: a transport sending megabyte batches many times a second would otherwise allocate a
 * compressor (a deflater's native state, snappy's hash table) and two body-sized arrays a request,
 * which showed as garbage-collection time beside the forwarding. The result is valid until the next
 * {@link #encode}. Not thread-safe: a transport lends one to one send at a time.
 */
final class BodyEncoder {
    /** gzip member header (RFC 1952): magic, deflate, no flags, no time, no extra flags, OS unknown. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int GZIP_TRAILER = 8;

    private final BodyCoding coding;
    private final SnappyCompressor snappy;
    private final Deflater deflater;
    private final CRC32 crc;
    private byte[] out = new byte[0];
    private int length;

    BodyEncoder(BodyCoding coding) {
        this.coding = coding;
        this.snappy = coding == BodyCoding.SNAPPY ? SnappyCompressor.create() : null;
        this.deflater = coding == BodyCoding.GZIP ? new Deflater(FastGzip.LEVEL, true) : null;
        this.crc = coding == BodyCoding.GZIP ? new CRC32() : null;
    }

    /**
     * Encodes {@code body[0, bodyLength)}; the result is {@link #length()} bytes of the returned
     * array (the body itself for {@link BodyCoding#IDENTITY}).
     */
    byte[] encode(byte[] body, int bodyLength) {
        return switch (coding) {
            case IDENTITY -> {
                length = bodyLength;
                yield body;
            }
            case SNAPPY -> {
                ensure(snappy.maxCompressedLength(bodyLength));
                length = snappy.compress(body, 0, bodyLength, out, 0, out.length);
                yield out;
            }
            case GZIP -> gzip(body, bodyLength);
        };
    }

    /** Bytes of the last {@link #encode}'s result. */
    int length() {
        return length;
    }

    /** Releases the deflater's native memory; the encoder is not used after. */
    void close() {
        if (deflater != null) {
            deflater.end();
        }
    }

    private byte[] gzip(byte[] body, int bodyLength) {
        ensure(bodyLength / 2 + GZIP_HEADER.length + GZIP_TRAILER + 64);
        System.arraycopy(GZIP_HEADER, 0, out, 0, GZIP_HEADER.length);
        int position = GZIP_HEADER.length;
        deflater.reset();
        deflater.setInput(body, 0, bodyLength);
        deflater.finish();
        while (!deflater.finished()) {
            if (position == out.length) {
                grow(out.length * 2);
            }
            position += deflater.deflate(out, position, out.length - position);
        }
        crc.reset();
        crc.update(body, 0, bodyLength);
        if (out.length - position < GZIP_TRAILER) {
            grow(position + GZIP_TRAILER);
        }
        writeIntLittleEndian((int) crc.getValue(), position);
        writeIntLittleEndian(bodyLength, position + 4); // ISIZE: the input's length mod 2^32
        length = position + GZIP_TRAILER;
        return out;
    }

    private void writeIntLittleEndian(int value, int at) {
        out[at] = (byte) value;
        out[at + 1] = (byte) (value >>> 8);
        out[at + 2] = (byte) (value >>> 16);
        out[at + 3] = (byte) (value >>> 24);
    }

    private void ensure(int capacity) {
        if (out.length < capacity) {
            out = new byte[capacity];
        }
    }

    private void grow(int capacity) {
        out = java.util.Arrays.copyOf(out, capacity);
    }
}
