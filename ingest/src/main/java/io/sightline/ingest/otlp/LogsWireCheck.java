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

    private static final int TRACE_ID_BYTES = 16;
    private static final int SPAN_ID_BYTES = 8;

    private final WireReader in;
    private final AttributeWireCheck attributes;

    private LogsWireCheck(byte[] buffer, IngestLimits limits) {
        this.in = new WireReader(buffer, 0);
        this.attributes = new AttributeWireCheck(in, limits);
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
                    attributes.resource(in.lengthDelimited(tag));
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
                    attributes.scope(in.lengthDelimited(tag));
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
                case 5 -> this.attributes.anyValue(in.lengthDelimited(tag), 0);
                case 6 -> {
                    this.attributes.keyValue(in.lengthDelimited(tag), 0);
                    attributes++;
                }
                case 9 -> id(tag, TRACE_ID_BYTES);
                case 10 -> id(tag, SPAN_ID_BYTES);
                default -> throw Malformed.INSTANCE;
            }
        }
        in.atEnd(end);
        this.attributes.checkCount(attributes);
    }

    private void id(int tag, int expectedBytes) {
        int length = in.skipBytes(tag);
        if (length != 0 && length != expectedBytes) {
            throw Malformed.INSTANCE;
        }
    }

    private static void field(int tag, int number) {
        if (tag >>> 3 != number) {
            throw Malformed.INSTANCE;
        }
    }
}
