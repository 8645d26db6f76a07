package io.sightline.ingest;

import com.google.protobuf.UnsafeByteOperations;

/**
 * Reads protobuf wire format straight from a byte array, for the fast paths that read requests
 * without building message objects: the OTLP logs check ({@code LogsWireCheck}) and the
 * remote_write decoder. Every irregularity (a broken length, a wrong wire type, invalid UTF-8)
 * throws the preallocated {@link Malformed}: the logs check then falls back to protobuf-java's full
 * parse, the remote_write decoder answers 400 naming {@link #position()}. Not thread-safe; one per
 * request.
 */
public final class WireReader {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LEN = 2;
    public static final int FIXED32 = 5;

    private final byte[] buffer;
    private final int limit;
    private int position;

    public WireReader(byte[] buffer, int offset) {
        this(buffer, offset, buffer.length);
    }

    /** A reader of {@code buffer} from {@code offset} up to (excluding) {@code limit}. */
    public WireReader(byte[] buffer, int offset, int limit) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = limit;
    }

    public boolean before(int end) {
        return position < end;
    }

    /** Where the readable bytes end. */
    public int length() {
        return limit;
    }

    public int position() {
        return position;
    }

    /** Moves to {@code newPosition} (within the bytes already bounds-checked by the caller). */
    public void seek(int newPosition) {
        position = newPosition;
    }

    public byte[] array() {
        return buffer;
    }

    /** The next field's tag (field number {@code << 3 |} wire type). */
    public int tag() {
        long tag = varint();
        if (tag <= 0 || tag > Integer.MAX_VALUE) {
            throw Malformed.INSTANCE;
        }
        return (int) tag;
    }

    /** Reads a LEN field's length prefix (the tag must say LEN) and returns where its bytes end. */
    public int lengthDelimited(int tag) {
        if ((tag & 7) != LEN) {
            throw Malformed.INSTANCE;
        }
        long length = varint();
        if (length < 0 || length > limit - position) {
            throw Malformed.INSTANCE;
        }
        return position + (int) length;
    }

    /** Skips a string field after checking its UTF-8; returns its byte length. */
    public int skipString(int tag) {
        int end = lengthDelimited(tag);
        int start = position;
        if (!isValidUtf8(buffer, start, end)) {
            throw Malformed.INSTANCE;
        }
        position = end;
        return end - start;
    }

    /** Skips a bytes field; returns its length. */
    public int skipBytes(int tag) {
        int end = lengthDelimited(tag);
        int length = end - position;
        position = end;
        return length;
    }

    /** Skips a field of any wire type (an unknown field). */
    public void skip(int tag) {
        switch (tag & 7) {
            case VARINT -> varint();
            case FIXED64 -> fixed64(tag);
            case LEN -> position = lengthDelimited(tag);
            case FIXED32 -> fixed32(tag);
            default -> throw Malformed.INSTANCE;
        }
    }

    public long varint(int tag) {
        wireType(tag, VARINT);
        return varint();
    }

    /** Reads (and returns) a little-endian fixed64. */
    public long fixed64(int tag) {
        wireType(tag, FIXED64);
        if (8 > limit - position) {
            throw Malformed.INSTANCE;
        }
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (buffer[position + i] & 0xFF);
        }
        position += 8;
        return value;
    }

    /** A {@code double} field. */
    public double doubleValue(int tag) {
        return Double.longBitsToDouble(fixed64(tag));
    }

    public int fixed32(int tag) {
        wireType(tag, FIXED32);
        if (4 > limit - position) {
            throw Malformed.INSTANCE;
        }
        int value = 0;
        for (int i = 3; i >= 0; i--) {
            value = value << 8 | (buffer[position + i] & 0xFF);
        }
        position += 4;
        return value;
    }

    /** Fails unless the reader is exactly at {@code end}: a message's fields filled its length. */
    public void atEnd(int end) {
        if (position != end) {
            throw Malformed.INSTANCE;
        }
    }

    public static void wireType(int tag, int wireType) {
        if ((tag & 7) != wireType) {
            throw Malformed.INSTANCE;
        }
    }

    /** A singular field seen twice would be merged by the full parse: leave it to that. */
    public static void once(boolean alreadySeen) {
        if (alreadySeen) {
            throw Malformed.INSTANCE;
        }
    }

    /** Whether {@code [from, to)} is valid UTF-8; ASCII, the usual case, is checked without allocating. */
    public static boolean isValidUtf8(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return UnsafeByteOperations.unsafeWrap(bytes, i, to - i).isValidUtf8();
            }
        }
        return true;
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                throw Malformed.INSTANCE;
            }
            byte b = buffer[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw Malformed.INSTANCE;
    }

    /** The bytes are not well-formed protobuf; preallocated, as it carries no information. */
    public static final class Malformed extends RuntimeException {
        public static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super(null, null, false, false);
        }
    }
}
