package io.sightline.ingest.otlp;

import static io.sightline.ingest.WireReader.FIXED32;
import static io.sightline.ingest.WireReader.FIXED64;
import static io.sightline.ingest.WireReader.VARINT;
import static io.sightline.ingest.WireReader.once;

import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.WireReader;
import io.sightline.ingest.WireReader.Malformed;

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

    /** Deeper attribute values go to the full parse (protobuf-java's own limit is 100). */
    private static final int MAX_DEPTH = 16;
    private static final int TRACE_ID_BYTES = 16;
    private static final int SPAN_ID_BYTES = 8;
    /** What {@link OtlpValidator} counts for a scalar attribute value. */
    private static final int SCALAR_VALUE_BYTES = 8;

    private final WireReader in;
    private final IngestLimits limits;

    private LogsWireCheck(byte[] buffer, IngestLimits limits) {
        this.in = new WireReader(buffer, 0);
        this.limits = limits;
    }

    /** The number of log records if all is valid, else {@link #UNDECIDED}. */
    static long validRecords(byte[] request, IngestLimits limits) {
        try {
            long records = new LogsWireCheck(request, limits).request();
            return records > 0 ? records : UNDECIDED;
        } catch (Malformed e) {
            return UNDECIDED;
        }
    }

    private long request() {
        long records = 0;
        while (in.before(in.length())) {
            int tag = in.tag();
            field(tag, 1);
            records += resourceLogs(in.lengthDelimited(tag));
        }
        return records;
    }

    private long resourceLogs(int end) {
        long records = 0;
        boolean resource = false;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    once(resource);
                    resource = true;
                    resource(in.lengthDelimited(tag));
                }
                case 2 -> records += scopeLogs(in.lengthDelimited(tag));
                case 3 -> in.skipString(tag);
                default -> throw Malformed.INSTANCE;
            }
        }
        in.atEnd(end);
        return records;
    }

    private long scopeLogs(int end) {
        long records = 0;
        boolean scope = false;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    once(scope);
                    scope = true;
                    scope(in.lengthDelimited(tag));
                }
                case 2 -> {
                    logRecord(in.lengthDelimited(tag));
                    records++;
                }
                case 3 -> in.skipString(tag);
                default -> throw Malformed.INSTANCE;
            }
        }
        in.atEnd(end);
        return records;
    }

    /** Resource: attributes 1, dropped_attributes_count 2; anything else (entity refs) goes the full way. */
    private void resource(int end) {
        int attributes = 0;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    keyValue(in.lengthDelimited(tag), 0);
                    attributes++;
                }
                case 2 -> in.varint(tag);
                default -> throw Malformed.INSTANCE;
            }
        }
        in.atEnd(end);
        checkCount(attributes);
    }

    /** InstrumentationScope: name 1, version 2, attributes 3, dropped_attributes_count 4. */
    private void scope(int end) {
        int attributes = 0;
        boolean name = false;
        boolean version = false;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    once(name);
                    name = true;
                    in.skipString(tag);
                }
                case 2 -> {
                    once(version);
                    version = true;
                    in.skipString(tag);
                }
                case 3 -> {
                    keyValue(in.lengthDelimited(tag), 0);
                    attributes++;
                }
                case 4 -> in.varint(tag);
                default -> throw Malformed.INSTANCE;
            }
        }
        in.atEnd(end);
        checkCount(attributes);
    }

    private void logRecord(int end) {
        int attributes = 0;
        boolean[] seen = new boolean[13];
        while (in.before(end)) {
            int tag = in.tag();
            int field = tag >>> 3;
            if (field < seen.length && field != 6) {
                once(seen[field]);
                seen[field] = true;
            }
            switch (field) {
                case 1, 11 -> in.fixed64(tag);
                case 2, 7 -> in.varint(tag);
                case 8 -> in.fixed32(tag);
                case 3, 12 -> in.skipString(tag);
                case 5 -> anyValue(in.lengthDelimited(tag), 0);
                case 6 -> {
                    keyValue(in.lengthDelimited(tag), 0);
                    attributes++;
                }
                case 9 -> id(tag, TRACE_ID_BYTES);
                case 10 -> id(tag, SPAN_ID_BYTES);
                default -> throw Malformed.INSTANCE;
            }
        }
        in.atEnd(end);
        checkCount(attributes);
    }

    /** A KeyValue whose value's size is within the limit; returns key plus value bytes. */
    private long keyValue(int end, int depth) {
        boolean key = false;
        boolean value = false;
        long size = 0;
        long valueSize = SCALAR_VALUE_BYTES; // an unset value counts as a scalar
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    once(key);
                    key = true;
                    size += in.skipString(tag);
                }
                case 2 -> {
                    once(value);
                    value = true;
                    valueSize = anyValue(in.lengthDelimited(tag), depth + 1);
                }
                default -> throw Malformed.INSTANCE;
            }
        }
        in.atEnd(end);
        if (depth == 0 && valueSize > limits.maxAttributeValueBytes()) {
            throw Malformed.INSTANCE;
        }
        return size + valueSize;
    }

    /** An AnyValue: its size as {@link OtlpValidator} counts it. */
    private long anyValue(int end, int depth) {
        if (depth > MAX_DEPTH) {
            throw Malformed.INSTANCE;
        }
        long size = SCALAR_VALUE_BYTES;
        boolean set = false;
        while (in.before(end)) {
            int tag = in.tag();
            once(set);
            set = true;
            switch (tag >>> 3) {
                case 1 -> size = in.skipString(tag);
                case 2, 3 -> in.varint(tag);
                case 4 -> in.fixed64(tag);
                case 5 -> size = repeatedValues(in.lengthDelimited(tag), depth, false);
                case 6 -> size = repeatedValues(in.lengthDelimited(tag), depth, true);
                case 7 -> size = in.skipBytes(tag);
                default -> throw Malformed.INSTANCE;
            }
        }
        in.atEnd(end);
        return size;
    }

    /** ArrayValue (AnyValue elements) or KeyValueList (KeyValue elements), all in field 1. */
    private long repeatedValues(int end, int depth, boolean keyValues) {
        long size = 0;
        while (in.before(end)) {
            int tag = in.tag();
            field(tag, 1);
            int elementEnd = in.lengthDelimited(tag);
            size += keyValues ? keyValue(elementEnd, depth + 1) : anyValue(elementEnd, depth + 1);
        }
        in.atEnd(end);
        return size;
    }

    private void id(int tag, int expectedBytes) {
        int length = in.skipBytes(tag);
        if (length != 0 && length != expectedBytes) {
            throw Malformed.INSTANCE;
        }
    }

    private void checkCount(int attributes) {
        if (attributes > limits.maxAttributes()) {
            throw Malformed.INSTANCE;
        }
    }

    private static void field(int tag, int number) {
        if (tag >>> 3 != number) {
            throw Malformed.INSTANCE;
        }
    }
}
