package io.sightline.ingest.otlp;

import com.google.protobuf.UnsafeByteOperations;

/**
 * Reads protobuf wire format straight from a byte array, for the fast path that checks OTLP logs
 * without building message objects ({@link LogsWireCheck}). Every irregularity (a broken length, a wrong wire type,
 * invalid UTF-8) throws {@link Undecided}, which sends the caller back to protobuf-java's full parse.
 * Not thread-safe; one per request.
 */
final class WireReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    private final byte[] buffer;
    private int position;

    WireReader(byte[] buffer, int offset) {
        this.buffer = buffer;
        this.position = offset;
    }

    boolean before(int end) {
        return position < end;
    }

    int length() {
        return buffer.length;
    }


    /** The next field's tag (field number {@code << 3 |} wire type). */
    int tag() {
        long tag = varint();
        if (tag <= 0 || tag > Integer.MAX_VALUE) {
            throw Undecided.INSTANCE;
        }
        return (int) tag;
    }

    /** Reads a LEN field's length prefix (the tag must say LEN) and returns where its bytes end. */
    int lengthDelimited(int tag) {
        if ((tag & 7) != LEN) {
            throw Undecided.INSTANCE;
        }
        long length = varint();
        if (length < 0 || length > buffer.length - position) {
            throw Undecided.INSTANCE;
        }
        return position + (int) length;
    }

    /** Skips a string field after checking its UTF-8; returns its byte length. */
    int skipString(int tag) {
        int end = lengthDelimited(tag);
        int start = position;
        if (!UnsafeByteOperations.unsafeWrap(buffer, start, end - start).isValidUtf8()) {
            throw Undecided.INSTANCE;
        }
        position = end;
        return end - start;
    }

    /** Skips a bytes field; returns its length. */
    int skipBytes(int tag) {
        int end = lengthDelimited(tag);
        int length = end - position;
        position = end;
        return length;
    }

    long varint(int tag) {
        wireType(tag, VARINT);
        return varint();
    }

    /** Reads (and returns) a little-endian fixed64. */
    long fixed64(int tag) {
        wireType(tag, FIXED64);
        if (8 > buffer.length - position) {
            throw Undecided.INSTANCE;
        }
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (buffer[position + i] & 0xFF);
        }
        position += 8;
        return value;
    }

    int fixed32(int tag) {
        wireType(tag, FIXED32);
        if (4 > buffer.length - position) {
            throw Undecided.INSTANCE;
        }
        int value = 0;
        for (int i = 3; i >= 0; i--) {
            value = value << 8 | (buffer[position + i] & 0xFF);
        }
        position += 4;
        return value;
    }

    /** Fails unless the reader is exactly at {@code end}: a message's fields filled its length. */
    void atEnd(int end) {
        if (position != end) {
            throw Undecided.INSTANCE;
        }
    }

    static void wireType(int tag, int wireType) {
        if ((tag & 7) != wireType) {
            throw Undecided.INSTANCE;
        }
    }

    /** A singular field seen twice would be merged by the full parse: leave it to that. */
    static void once(boolean alreadySeen) {
        if (alreadySeen) {
            throw Undecided.INSTANCE;
        }
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= buffer.length) {
                throw Undecided.INSTANCE;
            }
            byte b = buffer[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw Undecided.INSTANCE;
    }

    /** Abandons a fast path; preallocated, as it carries no information. */
    static final class Undecided extends RuntimeException {
        static final Undecided INSTANCE = new Undecided();

        private Undecided() {
            super(null, null, false, false);
        }
    }
}
