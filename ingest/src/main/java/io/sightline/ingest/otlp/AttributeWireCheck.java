package io.sightline.ingest.otlp;

import static io.sightline.ingest.WireReader.once;

import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.WireReader;
import io.sightline.ingest.WireReader.Malformed;

/**
 * The attribute rules of {@link OtlpValidator} checked on wire bytes, for the fast paths of logs
 * ({@link LogsWireCheck}) and metrics ({@link MetricsWireCheck}): resources, scopes and key-value
 * lists with at most {@code ingest.max-attributes} entries, each value within {@code
 * ingest.max-attribute-value-bytes} counted as the validator counts it. Anything unusual (an unknown
 * field, a repeated singular field, a string-table index, nesting deeper than {@value #MAX_DEPTH})
 * and every broken rule throws {@link Malformed}, so the full parse and validator decide and word the
 * answer. Not thread-safe; shares its reader with its caller.
 */
final class AttributeWireCheck {
    /** Deeper attribute values go to the full parse (protobuf-java's own limit is 100). */
    private static final int MAX_DEPTH = 16;
    /** What {@link OtlpValidator} counts for a scalar attribute value. */
    private static final int SCALAR_VALUE_BYTES = 8;

    private final WireReader in;
    private final IngestLimits limits;

    AttributeWireCheck(WireReader in, IngestLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Resource: attributes 1, dropped_attributes_count 2; anything else (entity refs) goes the full way. */
    void resource(int end) {
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
    void scope(int end) {
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

    /** A KeyValue whose value's size is within the limit; returns key plus value bytes. */
    long keyValue(int end, int depth) {
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
    long anyValue(int end, int depth) {
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

    void checkCount(int attributes) {
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
