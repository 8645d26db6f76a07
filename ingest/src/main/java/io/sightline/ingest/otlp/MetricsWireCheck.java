package io.sightline.ingest.otlp;

import static io.sightline.ingest.WireReader.FIXED64;
import static io.sightline.ingest.WireReader.LEN;
import static io.sightline.ingest.WireReader.VARINT;
import static io.sightline.ingest.WireReader.once;

import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.WireReader;
import io.sightline.ingest.WireReader.Malformed;

/**
 * The first pass of the OTLP/protobuf metrics fast path: checks an {@code ExportMetricsServiceRequest}
 * on its wire bytes, without building message objects, and answers how many data points it holds
 * when the request is well-formed, every point passes {@link OtlpValidator}'s rules and {@link
 * MetricsWireReader} can map it exactly as the parsed request would be mapped.
 *
 * <p>Conservative, like {@link LogsWireCheck}: anything it does not positively know to be valid and
 * plain (a singular field sent twice, which protobuf-java would merge or override; two cases of a
 * oneof; a known field with another wire type; invalid UTF-8; a broken length; a metric without a
 * name; a point or resource that breaks a limit; an empty request) answers {@link #UNDECIDED}, and
 * the full parse and validator decide and word the answer (also the partial success). Unknown field
 * numbers are skipped, as protobuf-java keeps them aside and the mapping never reads them. The whole
 * request is checked before anything is mapped, so delta running totals are never touched by a
 * request the full path then maps again. Field numbers follow opentelemetry-proto's metrics,
 * resource and common protos. Not thread-safe; one per request.
 */
final class MetricsWireCheck {
    /** Let the full parse decide. */
    static final long UNDECIDED = -1;

    private static final int TRACE_ID_BYTES = 16;
    private static final int SPAN_ID_BYTES = 8;

    private final WireReader in;
    private final AttributeWireCheck attributes;

    private MetricsWireCheck(byte[] request, IngestLimits limits) {
        this.in = new WireReader(request, 0);
        this.attributes = new AttributeWireCheck(in, limits);
    }

    /** The number of data points if the wire reader may map the request, else {@link #UNDECIDED}. */
    static long validPoints(byte[] request, IngestLimits limits) {
        try {
            long points = new MetricsWireCheck(request, limits).request();
            return points > 0 ? points : UNDECIDED;
        } catch (Malformed e) {
            return UNDECIDED;
        }
    }

    private long request() {
        long points = 0;
        while (in.before(in.length())) {
            int tag = in.tag();
            if (tag >>> 3 == 1) {
                points += resourceMetrics(in.lengthDelimited(tag));
            } else {
                unknown(tag);
            }
        }
        return points;
    }

    private long resourceMetrics(int end) {
        long points = 0;
        boolean resource = false;
        boolean schemaUrl = false;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    once(resource);
                    resource = true;
                    attributes.resource(in.lengthDelimited(tag));
                }
                case 2 -> points += scopeMetrics(in.lengthDelimited(tag));
                case 3 -> {
                    once(schemaUrl);
                    schemaUrl = true;
                    in.skipString(tag);
                }
                default -> unknown(tag);
            }
        }
        in.atEnd(end);
        return points;
    }

    private long scopeMetrics(int end) {
        long points = 0;
        boolean scope = false;
        boolean schemaUrl = false;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    once(scope);
                    scope = true;
                    attributes.scope(in.lengthDelimited(tag));
                }
                case 2 -> points += metric(in.lengthDelimited(tag));
                case 3 -> {
                    once(schemaUrl);
                    schemaUrl = true;
                    in.skipString(tag);
                }
                default -> unknown(tag);
            }
        }
        in.atEnd(end);
        return points;
    }

    /** Metric: name 1, description 2, unit 3, data 5/7/9/10/11 (one of), metadata 12. */
    private long metric(int end) {
        long points = 0;
        int nameBytes = 0;
        boolean name = false;
        boolean description = false;
        boolean unit = false;
        boolean data = false;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    once(name);
                    name = true;
                    nameBytes = in.skipString(tag);
                }
                case 2 -> {
                    once(description);
                    description = true;
                    in.skipString(tag);
                }
                case 3 -> {
                    once(unit);
                    unit = true;
                    in.skipString(tag);
                }
                case 5, 7, 9, 10, 11 -> {
                    once(data);
                    data = true;
                    points = data(tag >>> 3, in.lengthDelimited(tag));
                }
                case 12 -> attributes.keyValue(in.lengthDelimited(tag), 0);
                default -> unknown(tag);
            }
        }
        in.atEnd(end);
        if (nameBytes == 0) {
            throw Malformed.INSTANCE; // the validator rejects its points and words why
        }
        return points;
    }

    /** Gauge, Sum, Histogram, ExponentialHistogram or Summary: points in 1; temporality 2, monotonic 3. */
    private long data(int kind, int end) {
        long points = 0;
        boolean temporality = false;
        boolean monotonic = false;
        while (in.before(end)) {
            int tag = in.tag();
            int field = tag >>> 3;
            if (field == 1) {
                int pointEnd = in.lengthDelimited(tag);
                switch (kind) {
                    case 5, 7 -> numberPoint(pointEnd);
                    case 9 -> histogramPoint(pointEnd);
                    case 10 -> exponentialPoint(pointEnd);
                    default -> summaryPoint(pointEnd);
                }
                points++;
            } else if (field == 2 && kind != 5 && kind != 11) {
                once(temporality);
                temporality = true;
                in.varint(tag);
            } else if (field == 3 && kind == 7) {
                once(monotonic);
                monotonic = true;
                in.varint(tag);
            } else {
                unknown(tag);
            }
        }
        in.atEnd(end);
        return points;
    }

    /** NumberDataPoint: attributes 7, start 2, time 3, as_double 4 / as_int 6, exemplars 5, flags 8. */
    private void numberPoint(int end) {
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
                default -> unknown(tag);
            }
        }
        in.atEnd(end);
        attributes.checkCount(count);
    }

    /**
     * HistogramDataPoint: attributes 9, start 2, time 3, count 4, sum 5, bucket_counts 6 and
     * explicit_bounds 7 (packed or not), exemplars 8, flags 10, min 11, max 12.
     */
    private void histogramPoint(int end) {
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
                default -> unknown(tag);
            }
        }
        in.atEnd(end);
        attributes.checkCount(count);
    }

    /**
     * ExponentialHistogramDataPoint: attributes 1, start 2, time 3, count 4, sum 5, scale 6,
     * zero_count 7, positive 8, negative 9, flags 10, exemplars 11, min 12, max 13, zero_threshold 14.
     */
    private void exponentialPoint(int end) {
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
                default -> unknown(tag);
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
                default -> unknown(tag);
            }
        }
        in.atEnd(end);
    }

    /** SummaryDataPoint: attributes 7, start 2, time 3, count 4, sum 5, quantile_values 6, flags 8. */
    private void summaryPoint(int end) {
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
                default -> unknown(tag);
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
                unknown(tag);
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
                default -> unknown(tag);
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

    /** A field the schema does not know (protobuf-java keeps it aside; nothing maps it); field 0 is invalid. */
    private void unknown(int tag) {
        if (tag >>> 3 == 0) {
            throw Malformed.INSTANCE;
        }
        in.skip(tag);
    }
}
