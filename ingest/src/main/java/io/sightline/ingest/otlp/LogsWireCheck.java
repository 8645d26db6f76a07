package io.sightline.ingest.otlp;

import com.google.protobuf.UnsafeByteOperations;
import io.sightline.ingest.IngestLimits;

/**
 * The fast path of OTLP/protobuf logs: checks the request on its wire bytes, without building
 * message objects (several times faster than a full parse), and answers how many log records it
 * holds when the request is well-formed and every record passes {@link OtlpValidator}'s rules.
 *
 * <p>It is conservative: anything it does not positively know to be valid (an unknown field, a
 * repeated singular field, a wrong wire type, invalid UTF-8, a broken length, deep nesting, a record
 * that breaks a limit, an empty request) answers {@link #UNDECIDED}, and the full parse and
 * validator decide and word the answer. So it never accepts what the full path would refuse or
 * trim. Field numbers follow opentelemetry-proto's logs, resource and common protos.
 */
final class LogsWireCheck {
    /** Let the full parse decide. */
    static final long UNDECIDED = -1;

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LEN = 2;
    private static final int FIXED32 = 5;
    /** Deeper attribute values go to the full parse (protobuf-java's own limit is 100). */
    private static final int MAX_DEPTH = 16;
    private static final int TRACE_ID_BYTES = 16;
    private static final int SPAN_ID_BYTES = 8;
    /** What {@link OtlpValidator} counts for a scalar attribute value. */
    private static final int SCALAR_VALUE_BYTES = 8;

    private final byte[] buffer;
    private final IngestLimits limits;
    private int position;

    private LogsWireCheck(byte[] buffer, IngestLimits limits) {
        this.buffer = buffer;
        this.limits = limits;
    }

    /** The number of log records if all is valid, else {@link #UNDECIDED}. */
    static long validRecords(byte[] request, IngestLimits limits) {
        try {
            long records = new LogsWireCheck(request, limits).request();
            return records > 0 ? records : UNDECIDED;
        } catch (Undecided | ArrayIndexOutOfBoundsException e) {
            return UNDECIDED;
        }
    }

    private long request() {
        long records = 0;
        while (position < buffer.length) {
            int tag = readTag();
            expect(tag, 1, LEN);
            records += resourceLogs(readLength());
        }
        return records;
    }

    private long resourceLogs(int end) {
        long records = 0;
        boolean resource = false;
        while (position < end) {
            int tag = readTag();
            switch (tag >>> 3) {
                case 1 -> {
                    once(resource);
                    resource = true;
                    expect(tag, 1, LEN);
                    attributeHolder(readLength(), 1, 2);
                }
                case 2 -> {
                    expect(tag, 2, LEN);
                    records += scopeLogs(readLength());
                }
                case 3 -> string(tag);
                default -> throw Undecided.INSTANCE;
            }
        }
        atEnd(end);
        return records;
    }

    private long scopeLogs(int end) {
        long records = 0;
        boolean scope = false;
        while (position < end) {
            int tag = readTag();
            switch (tag >>> 3) {
                case 1 -> {
                    once(scope);
                    scope = true;
                    expect(tag, 1, LEN);
                    scope(readLength());
                }
                case 2 -> {
                    expect(tag, 2, LEN);
                    logRecord(readLength());
                    records++;
                }
                case 3 -> string(tag);
                default -> throw Undecided.INSTANCE;
            }
        }
        atEnd(end);
        return records;
    }

    /** InstrumentationScope: name 1, version 2, attributes 3, dropped_attributes_count 4. */
    private void scope(int end) {
        int attributes = 0;
        boolean name = false;
        boolean version = false;
        while (position < end) {
            int tag = readTag();
            switch (tag >>> 3) {
                case 1 -> {
                    once(name);
                    name = true;
                    string(tag);
                }
                case 2 -> {
                    once(version);
                    version = true;
                    string(tag);
                }
                case 3 -> {
                    expect(tag, 3, LEN);
                    keyValue(readLength(), 0);
                    attributes++;
                }
                case 4 -> scalar(tag, VARINT);
                default -> throw Undecided.INSTANCE;
            }
        }
        atEnd(end);
        checkCount(attributes);
    }

    /** Resource: attributes (field {@code attributesField}) and a varint count; nothing else. */
    private void attributeHolder(int end, int attributesField, int droppedField) {
        int attributes = 0;
        while (position < end) {
            int tag = readTag();
            int field = tag >>> 3;
            if (field == attributesField) {
                expect(tag, attributesField, LEN);
                keyValue(readLength(), 0);
                attributes++;
            } else if (field == droppedField) {
                scalar(tag, VARINT);
            } else {
                throw Undecided.INSTANCE;
            }
        }
        atEnd(end);
        checkCount(attributes);
    }

    private void logRecord(int end) {
        int attributes = 0;
        boolean[] seen = new boolean[13];
        while (position < end) {
            int tag = readTag();
            int field = tag >>> 3;
            if (field < seen.length && field != 6) {
                once(seen[field]);
                seen[field] = true;
            }
            switch (field) {
                case 1, 11 -> scalar(tag, FIXED64);
                case 2, 7 -> scalar(tag, VARINT);
                case 8 -> scalar(tag, FIXED32);
                case 3, 12 -> string(tag);
                case 5 -> {
                    expect(tag, 5, LEN);
                    anyValue(readLength(), 0);
                }
                case 6 -> {
                    expect(tag, 6, LEN);
                    keyValue(readLength(), 0);
                    attributes++;
                }
                case 9 -> id(tag, TRACE_ID_BYTES);
                case 10 -> id(tag, SPAN_ID_BYTES);
                default -> throw Undecided.INSTANCE;
            }
        }
        atEnd(end);
        checkCount(attributes);
    }

    /** A KeyValue whose value's size is within the limit; returns key plus value bytes. */
    private long keyValue(int end, int depth) {
        boolean key = false;
        boolean value = false;
        long size = 0;
        long valueSize = 0;
        while (position < end) {
            int tag = readTag();
            switch (tag >>> 3) {
                case 1 -> {
                    once(key);
                    key = true;
                    size += string(tag);
                }
                case 2 -> {
                    once(value);
                    value = true;
                    expect(tag, 2, LEN);
                    valueSize = anyValue(readLength(), depth + 1);
                }
                default -> throw Undecided.INSTANCE;
            }
        }
        atEnd(end);
        if (!value) {
            valueSize = SCALAR_VALUE_BYTES; // an unset value counts as a scalar
        }
        if (depth == 0 && valueSize > limits.maxAttributeValueBytes()) {
            throw Undecided.INSTANCE;
        }
        return size + valueSize;
    }

    /** An AnyValue: its size as {@link OtlpValidator} counts it. */
    private long anyValue(int end, int depth) {
        if (depth > MAX_DEPTH) {
            throw Undecided.INSTANCE;
        }
        long size = SCALAR_VALUE_BYTES;
        boolean set = false;
        while (position < end) {
            int tag = readTag();
            once(set);
            set = true;
            switch (tag >>> 3) {
                case 1 -> size = string(tag);
                case 2, 3 -> scalar(tag, VARINT);
                case 4 -> scalar(tag, FIXED64);
                case 5 -> {
                    expect(tag, 5, LEN);
                    size = repeatedValues(readLength(), depth, false);
                }
                case 6 -> {
                    expect(tag, 6, LEN);
                    size = repeatedValues(readLength(), depth, true);
                }
                case 7 -> {
                    expect(tag, 7, LEN);
                    size = readLength() - position;
                    position += (int) size;
                }
                default -> throw Undecided.INSTANCE;
            }
        }
        atEnd(end);
        return size;
    }

    /** ArrayValue (AnyValue elements) or KeyValueList (KeyValue elements), all in field 1. */
    private long repeatedValues(int end, int depth, boolean keyValues) {
        long size = 0;
        while (position < end) {
            int tag = readTag();
            expect(tag, 1, LEN);
            int elementEnd = readLength();
            size += keyValues ? keyValue(elementEnd, depth + 1) : anyValue(elementEnd, depth + 1);
        }
        atEnd(end);
        return size;
    }

    private void id(int tag, int expectedBytes) {
        expect(tag, tag >>> 3, LEN);
        int end = readLength();
        int length = end - position;
        if (length != 0 && length != expectedBytes) {
            throw Undecided.INSTANCE;
        }
        position = end;
    }

    /** A string field: its UTF-8 checked as proto3 requires; returns its byte length. */
    private int string(int tag) {
        expect(tag, tag >>> 3, LEN);
        int end = readLength();
        int start = position;
        if (!UnsafeByteOperations.unsafeWrap(buffer, start, end - start).isValidUtf8()) {
            throw Undecided.INSTANCE;
        }
        position = end;
        return end - start;
    }

    private void scalar(int tag, int wireType) {
        if ((tag & 7) != wireType) {
            throw Undecided.INSTANCE;
        }
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> skip(8);
            case FIXED32 -> skip(4);
            default -> throw Undecided.INSTANCE;
        }
    }

    private void checkCount(int attributes) {
        if (attributes > limits.maxAttributes()) {
            throw Undecided.INSTANCE;
        }
    }

    private static void expect(int tag, int field, int wireType) {
        if (tag != (field << 3 | wireType)) {
            throw Undecided.INSTANCE;
        }
    }

    /** A singular field seen twice would be merged by the full parse: leave it to that. */
    private static void once(boolean alreadySeen) {
        if (alreadySeen) {
            throw Undecided.INSTANCE;
        }
    }

    private void atEnd(int end) {
        if (position != end) {
            throw Undecided.INSTANCE;
        }
    }

    private int readTag() {
        long tag = readVarint();
        if (tag <= 0 || tag > Integer.MAX_VALUE) {
            throw Undecided.INSTANCE;
        }
        return (int) tag;
    }

    /** Reads a length prefix and returns where that many bytes end, within the buffer. */
    private int readLength() {
        long length = readVarint();
        if (length < 0 || length > buffer.length - position) {
            throw Undecided.INSTANCE;
        }
        return position + (int) length;
    }

    private void skip(int bytes) {
        if (bytes > buffer.length - position) {
            throw Undecided.INSTANCE;
        }
        position += bytes;
    }

    private long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buffer[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw Undecided.INSTANCE;
    }

    /** Thrown to abandon the fast path; preallocated, as it carries no information. */
    private static final class Undecided extends RuntimeException {
        static final Undecided INSTANCE = new Undecided();

        private Undecided() {
            super(null, null, false, false);
        }
    }
}
