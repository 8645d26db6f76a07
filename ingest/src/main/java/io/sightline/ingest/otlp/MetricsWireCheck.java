package io.sightline.ingest.otlp;

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

    private final WireReader in;
    private final AttributeWireCheck attributes;
    private final PointsWireCheck pointChecks;

    private MetricsWireCheck(byte[] request, IngestLimits limits) {
        this.in = new WireReader(request, 0);
        this.attributes = new AttributeWireCheck(in, limits);
        this.pointChecks = new PointsWireCheck(in, attributes);
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
                unknown(in, tag);
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
                default -> unknown(in, tag);
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
                default -> unknown(in, tag);
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
                default -> unknown(in, tag);
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
                    case 5, 7 -> pointChecks.number(pointEnd);
                    case 9 -> pointChecks.histogram(pointEnd);
                    case 10 -> pointChecks.exponential(pointEnd);
                    default -> pointChecks.summary(pointEnd);
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
                unknown(in, tag);
            }
        }
        in.atEnd(end);
        return points;
    }

    /** A field the schema does not know (protobuf-java keeps it aside; nothing maps it); field 0 is invalid. */
    static void unknown(WireReader in, int tag) {
        if (tag >>> 3 == 0) {
            throw Malformed.INSTANCE;
        }
        in.skip(tag);
    }
}
