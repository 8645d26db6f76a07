package io.sightline.ingest.otlp;

import static io.sightline.ingest.WireReader.FIXED64;
import static io.sightline.ingest.WireReader.LEN;
import static io.sightline.ingest.WireReader.VARINT;
import static io.sightline.ingest.WireReader.once;

import io.sightline.ingest.WireReader;
import io.sightline.ingest.WireReader.Malformed;

/**
 * The data points of {@link MetricsWireCheck}: each point's fields well-formed (a singular field at
 * most once, the value oneof set at most once, packed fixed64 lengths a multiple of 8), its
 * attributes and its exemplars' attributes within the limits ({@link AttributeWireCheck}), exemplar
 * ids empty or of the right length. Throws {@link Malformed} otherwise. Not thread-safe; shares its
 * reader with its caller.
 */
final class PointsWireCheck {
    private static final int TRACE_ID_BYTES = 16;
    private static final int SPAN_ID_BYTES = 8;

    private final WireReader in;
    private final AttributeWireCheck attributes;

    PointsWireCheck(WireReader in, AttributeWireCheck attributes) {
        this.in = in;
        this.attributes = attributes;
    }

    /** NumberDataPoint: attributes 7, start 2, time 3, as_double 4 / as_int 6, exemplars 5, flags 8. */
    void number(int end) {
        int count = 0;
        int seen = 0;
        while (in.before(end)) {
            int tag = in.tag();
            int field = tag >>> 3;
            switch (field) {
                case 7 -> {
                    attributes.keyValue(in.lengthDelimited(tag), 0);
                    count++;
                }
                case 2, 3 -> seen = scalar(seen, field, tag, FIXED64);
                case 4, 6 -> seen = scalar(seen, 4, tag, FIXED64); // one of: a second value goes the full way
                case 5 -> exemplar(in.lengthDelimited(tag));
                case 8 -> seen = scalar(seen, field, tag, VARINT);
                default -> MetricsWireCheck.unknown(in, tag);
            }
        }
        in.atEnd(end);
        attributes.checkCount(count);
    }

    /**
     * HistogramDataPoint: attributes 9, start 2, time 3, count 4, sum 5, bucket_counts 6 and
     * explicit_bounds 7 (packed or not), exemplars 8, flags 10, min 11, max 12.
     */
    void histogram(int end) {
        int count = 0;
        int seen = 0;
        while (in.before(end)) {
            int tag = in.tag();
            int field = tag >>> 3;
            switch (field) {
                case 9 -> {
                    attributes.keyValue(in.lengthDelimited(tag), 0);
                    count++;
                }
                case 2, 3, 4, 5, 11, 12 -> seen = scalar(seen, field, tag, FIXED64);
                case 6, 7 -> repeatedFixed64(tag);
                case 8 -> exemplar(in.lengthDelimited(tag));
                case 10 -> seen = scalar(seen, field, tag, VARINT);
                default -> MetricsWireCheck.unknown(in, tag);
            }
        }
        in.atEnd(end);
        attributes.checkCount(count);
    }

    /**
     * ExponentialHistogramDataPoint: attributes 1, start 2, time 3, count 4, sum 5, scale 6,
     * zero_count 7, positive 8, negative 9, flags 10, exemplars 11, min 12, max 13, zero_threshold 14.
     */
    void exponential(int end) {
        int count = 0;
        int seen = 0;
        while (in.before(end)) {
            int tag = in.tag();
            int field = tag >>> 3;
            switch (field) {
                case 1 -> {
                    attributes.keyValue(in.lengthDelimited(tag), 0);
                    count++;
                }
                case 2, 3, 4, 5, 7, 12, 13, 14 -> seen = scalar(seen, field, tag, FIXED64);
                case 6, 10 -> seen = scalar(seen, field, tag, VARINT);
                case 8, 9 -> {
                    seen = mark(seen, field);
                    buckets(in.lengthDelimited(tag));
                }
                case 11 -> exemplar(in.lengthDelimited(tag));
                default -> MetricsWireCheck.unknown(in, tag);
            }
        }
        in.atEnd(end);
        attributes.checkCount(count);
    }

    /** Buckets: offset 1, bucket_counts 2 (varints, packed or not). */
    private void buckets(int end) {
        boolean offset = false;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    once(offset);
                    offset = true;
                    in.varint(tag);
                }
                case 2 -> {
                    if ((tag & 7) == LEN) {
                        int packedEnd = in.lengthDelimited(tag);
                        while (in.before(packedEnd)) {
                            in.varint(VARINT);
                        }
                        in.atEnd(packedEnd);
                    } else {
                        in.varint(tag);
                    }
                }
                default -> MetricsWireCheck.unknown(in, tag);
            }
        }
        in.atEnd(end);
    }

    /** SummaryDataPoint: attributes 7, start 2, time 3, count 4, sum 5, quantile_values 6, flags 8. */
    void summary(int end) {
        int count = 0;
        int seen = 0;
        while (in.before(end)) {
            int tag = in.tag();
            int field = tag >>> 3;
            switch (field) {
                case 7 -> {
                    attributes.keyValue(in.lengthDelimited(tag), 0);
                    count++;
                }
                case 2, 3, 4, 5 -> seen = scalar(seen, field, tag, FIXED64);
                case 6 -> quantile(in.lengthDelimited(tag));
                case 8 -> seen = scalar(seen, field, tag, VARINT);
                default -> MetricsWireCheck.unknown(in, tag);
            }
        }
        in.atEnd(end);
        attributes.checkCount(count);
    }

    /** ValueAtQuantile: quantile 1, value 2. */
    private void quantile(int end) {
        int seen = 0;
        while (in.before(end)) {
            int tag = in.tag();
            int field = tag >>> 3;
            if (field == 1 || field == 2) {
                seen = scalar(seen, field, tag, FIXED64);
            } else {
                MetricsWireCheck.unknown(in, tag);
            }
        }
        in.atEnd(end);
    }

    /**
     * Exemplar: filtered_attributes 7, time 2, as_double 3 / as_int 6, span_id 4 (empty or 8 bytes),
     * trace_id 5 (empty or 16 bytes), as the validator requires.
     */
    private void exemplar(int end) {
        int count = 0;
        int seen = 0;
        while (in.before(end)) {
            int tag = in.tag();
            int field = tag >>> 3;
            switch (field) {
                case 7 -> {
                    attributes.keyValue(in.lengthDelimited(tag), 0);
                    count++;
                }
                case 2 -> seen = scalar(seen, field, tag, FIXED64);
                case 3, 6 -> seen = scalar(seen, 3, tag, FIXED64);
                case 4 -> {
                    seen = mark(seen, field);
                    id(tag, SPAN_ID_BYTES);
                }
                case 5 -> {
                    seen = mark(seen, field);
                    id(tag, TRACE_ID_BYTES);
                }
                default -> MetricsWireCheck.unknown(in, tag);
            }
        }
        in.atEnd(end);
        attributes.checkCount(count);
    }

    private void id(int tag, int expectedBytes) {
        int length = in.skipBytes(tag);
        if (length != 0 && length != expectedBytes) {
            throw Malformed.INSTANCE;
        }
    }

    /** A packed (LEN, a multiple of 8 bytes) or unpacked fixed64 repeated field. */
    private void repeatedFixed64(int tag) {
        if ((tag & 7) == LEN) {
            int end = in.lengthDelimited(tag);
            if ((end - in.position()) % 8 != 0) {
                throw Malformed.INSTANCE;
            }
            in.seek(end);
        } else {
            in.fixed64(tag);
        }
    }

    /** Skips one singular scalar after checking its wire type; {@code seen} has a bit per field. */
    private int scalar(int seen, int field, int tag, int wireType) {
        int marked = mark(seen, field);
        if (wireType == VARINT) {
            in.varint(tag);
        } else {
            in.fixed64(tag);
        }
        return marked;
    }

    private static int mark(int seen, int field) {
        once((seen & 1 << field) != 0);
        return seen | 1 << field;
    }
}
