package io.sightline.ingest.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.sightline.ingest.WireReader;
import io.sightline.ingest.otlp.PrometheusNaming.Kind;

/**
 * The second pass of the OTLP/protobuf metrics fast path: reads an {@code ExportMetricsServiceRequest}
 * that {@link MetricsWireCheck} accepted straight from its bytes and tells a {@link MetricsMapping}
 * what it holds, in the order {@link MessageMetricsReader} does for the parsed request, so the batch
 * is the same. No message object is built for resources, metrics, points or attributes; a string is
 * decoded where the mapping needs it. Fields may come in any order, so a message whose mapping needs
 * one field before the others (a resource before its scopes, a metric's name and kind before its
 * points) is walked twice. The rare values whose rendering belongs to protobuf-java's classes are
 * parsed with them: array and key-value-list attribute values, and exemplars ({@link
 * MetricsWirePoints}). Field numbers follow opentelemetry-proto. Not thread-safe; one per request.
 */
final class MetricsWireReader {
    static final int GAUGE = 5;
    static final int SUM = 7;
    static final int HISTOGRAM = 9;
    static final int EXPONENTIAL_HISTOGRAM = 10;
    static final int SUMMARY = 11;
    /** AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA. */
    private static final int DELTA = 1;

    private final WireReader in;
    private final byte[] bytes;
    private final MetricsMapping mapping;
    private final boolean scopeLabels;
    private final MetricsWirePoints points;
    private final AttributeKeys keys;

    MetricsWireReader(byte[] request, MetricsMapping mapping) {
        this.in = new WireReader(request, 0);
        this.bytes = request;
        this.mapping = mapping;
        this.scopeLabels = mapping.config().promoteScopeMetadata();
        this.points = new MetricsWirePoints(this, in, mapping);
        this.keys = new AttributeKeys(mapping);
    }

    void request() {
        while (in.before(in.length())) {
            int tag = in.tag();
            if (tag >>> 3 == 1) {
                resourceMetrics(in.lengthDelimited(tag));
            } else {
                in.skip(tag);
            }
        }
    }

    /** ResourceMetrics: the resource (1) first, wherever it is, then the scopes (2) in order. */
    private void resourceMetrics(int end) {
        int start = in.position();
        mapping.beginResource();
        while (in.before(end)) {
            int tag = in.tag();
            if (tag >>> 3 == 1) {
                resource(in.lengthDelimited(tag));
            } else {
                in.skip(tag);
            }
        }
        mapping.endResourceAttributes();
        in.seek(start);
        while (in.before(end)) {
            int tag = in.tag();
            if (tag >>> 3 == 2) {
                scopeMetrics(in.lengthDelimited(tag));
            } else {
                in.skip(tag);
            }
        }
        mapping.endResource();
    }

    /** Resource: attributes 1. */
    private void resource(int end) {
        while (in.before(end)) {
            int tag = in.tag();
            if (tag >>> 3 == 1) {
                keyValue(in.lengthDelimited(tag), true);
            } else {
                in.skip(tag);
            }
        }
    }

    /** ScopeMetrics: the scope (1; its name and version only when they become labels), then metrics (2). */
    private void scopeMetrics(int end) {
        int start = in.position();
        String name = "";
        String version = "";
        while (scopeLabels && in.before(end)) {
            int tag = in.tag();
            if (tag >>> 3 != 1) {
                in.skip(tag);
                continue;
            }
            int scopeEnd = in.lengthDelimited(tag);
            while (in.before(scopeEnd)) {
                int field = in.tag();
                switch (field >>> 3) {
                    case 1 -> name = string(field);
                    case 2 -> version = string(field);
                    default -> in.skip(field);
                }
            }
        }
        mapping.scope(name, version);
        in.seek(start);
        while (in.before(end)) {
            int tag = in.tag();
            if (tag >>> 3 == 2) {
                metric(in.lengthDelimited(tag));
            } else {
                in.skip(tag);
            }
        }
    }

    /** Metric: name 1, description 2, unit 3, then its data (5 gauge, 7 sum, 9, 10, 11). */
    private void metric(int end) {
        String name = "";
        String description = "";
        String unit = "";
        int kind = 0;
        int dataStart = 0;
        int dataEnd = 0;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> name = string(tag);
                case 2 -> description = string(tag);
                case 3 -> unit = string(tag);
                case GAUGE, SUM, HISTOGRAM, EXPONENTIAL_HISTOGRAM, SUMMARY -> {
                    kind = tag >>> 3;
                    dataEnd = in.lengthDelimited(tag);
                    dataStart = in.position();
                    in.seek(dataEnd);
                }
                default -> in.skip(tag);
            }
        }
        if (kind == 0) {
            return; // a metric without data has no points to map
        }
        boolean delta = false;
        boolean monotonic = false;
        in.seek(dataStart);
        while (in.before(dataEnd)) {
            int tag = in.tag();
            int field = tag >>> 3;
            if (field == 2 && kind != GAUGE && kind != SUMMARY) {
                delta = (int) in.varint(tag) == DELTA;
            } else if (field == 3 && kind == SUM) {
                monotonic = in.varint(tag) != 0;
            } else {
                in.skip(tag);
            }
        }
        String family = switch (kind) {
            case GAUGE -> mapping.family(name, unit, description, Kind.GAUGE, "gauge");
            case SUM -> mapping.family(name, unit, description, monotonic ? Kind.COUNTER : Kind.NON_MONOTONIC_SUM,
                    monotonic ? "counter" : "gauge");
            case SUMMARY -> mapping.family(name, unit, description, Kind.SUMMARY, "summary");
            default -> mapping.family(name, unit, description, Kind.HISTOGRAM, "histogram");
        };
        in.seek(dataStart);
        while (in.before(dataEnd)) {
            int tag = in.tag();
            if (tag >>> 3 != 1) {
                in.skip(tag);
                continue;
            }
            int pointEnd = in.lengthDelimited(tag);
            switch (kind) {
                case GAUGE -> points.number(pointEnd, family, false, false);
                case SUM -> points.number(pointEnd, family, delta, monotonic);
                case HISTOGRAM -> points.explicit(pointEnd, family, delta);
                case EXPONENTIAL_HISTOGRAM -> points.exponential(pointEnd, family, delta);
                default -> points.summary(pointEnd, family);
            }
        }
        in.seek(end);
    }

    /** A KeyValue (key 1, value 2) given to the mapping as a resource's or the current point's attribute. */
    void keyValue(int end, boolean resource) {
        if (resource) {
            String key = "";
            String value = "";
            while (in.before(end)) {
                int tag = in.tag();
                switch (tag >>> 3) {
                    case 1 -> key = string(tag);
                    case 2 -> value = anyValue(in.lengthDelimited(tag));
                    default -> in.skip(tag);
                }
            }
            mapping.resourceAttribute(key, value);
            return;
        }
        int keyStart = 0;
        int keyEnd = 0;
        int valueStart = -1;
        int valueEnd = -1;
        while (in.before(end)) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    keyEnd = in.lengthDelimited(tag);
                    keyStart = in.position();
                    in.seek(keyEnd);
                }
                case 2 -> {
                    valueEnd = in.lengthDelimited(tag);
                    valueStart = in.position();
                    in.seek(valueEnd);
                }
                default -> in.skip(tag);
            }
        }
        int slot = keys.slot(bytes, keyStart, keyEnd);
        String key = keys.key(slot);
        if (valueStart < 0) {
            mapping.attribute(key, "");
            return;
        }
        in.seek(valueStart);
        int tag = in.before(valueEnd) ? in.tag() : 0;
        if (tag >>> 3 == 1) {
            // A string value (the usual case): its UTF-8 bytes go into the label as they are.
            int stringEnd = in.lengthDelimited(tag);
            mapping.attribute(key, keys.name(slot), bytes, in.position(), stringEnd - in.position());
        } else {
            mapping.attribute(key, anyValue(valueStart, valueEnd));
        }
        in.seek(end);
    }

    /** An AnyValue in label form, as {@link PrometheusNaming#labelValue} renders it. */
    private String anyValue(int end) {
        return anyValue(in.position(), end);
    }

    private String anyValue(int start, int end) {
        in.seek(start);
        String value = "";
        while (in.before(end)) {
            int tag = in.tag();
            value = switch (tag >>> 3) {
                case 1 -> string(tag);
                case 2 -> Boolean.toString(in.varint(tag) != 0);
                case 3 -> Long.toString(in.varint(tag));
                case 4 -> PrometheusNaming.formatFloat(in.doubleValue(tag));
                case 7 -> {
                    int bytesEnd = in.lengthDelimited(tag);
                    String base64 = Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, in.position(), bytesEnd));
                    in.seek(bytesEnd);
                    yield base64;
                }
                case 5, 6 -> {
                    in.seek(end);
                    yield PrometheusNaming.labelValue(parse(AnyValue.parser(), start, end));
                }
                default -> {
                    in.skip(tag);
                    yield "";
                }
            };
        }
        return value;
    }

    /** A string field's text. */
    String string(int tag) {
        int end = in.lengthDelimited(tag);
        String text = new String(bytes, in.position(), end - in.position(), StandardCharsets.UTF_8);
        in.seek(end);
        return text;
    }

    /** A message the check pass accepted, parsed by protobuf-java (which therefore cannot fail). */
    <T> T parse(Parser<T> parser, int start, int end) {
        try {
            return parser.parseFrom(bytes, start, end - start);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a request the wire check accepted does not parse", e);
        }
    }
}
