package io.sightline.ingest.export;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.sightline.ingest.prometheus.ByteBuilder;

/**
 * Writes the protobuf bytes of an OTLP {@code ExportMetricsServiceRequest} by hand around data
 * points already encoded ({@link OtlpMetricsEncoder} encodes each point once, copying its series'
 * attribute bytes, instead of building a message object per sample):
 * <pre>
 * ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
 * ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
 * Resource        { repeated KeyValue attributes = 1; }
 * ScopeMetrics    { repeated Metric metrics = 2; }           (no scope: name and version empty)
 * Metric          { string name = 1; string description = 2; Gauge gauge = 5; Sum sum = 7; }
 * Gauge           { repeated NumberDataPoint data_points = 1; }
 * Sum             { repeated NumberDataPoint data_points = 1; aggregation_temporality = 2; bool is_monotonic = 3; }
 * NumberDataPoint { fixed64 time_unix_nano = 3; double as_double = 4; repeated Exemplar exemplars = 5;
 *                   repeated KeyValue attributes = 7; uint32 flags = 8; }
 * </pre>
 * Thread-safe (static, stateless).
 */
final class OtlpMetricsRequests {
    private static final int LENGTH_DELIMITED = 2;

    private OtlpMetricsRequests() {
    }

    /** A resource's metrics: its {@code job}/{@code instance} and its metrics' encoded points. */
    interface Resource {
        List<KeyValue> attributes();

        Collection<? extends Metric> metrics();
    }

    /** One metric: name, description, kind and its data points, each encoded with tag and length. */
    interface Metric {
        String name();

        String description();

        boolean sum();

        ByteBuilder points();
    }

    /** The request holding {@code resources}, in order. */
    static byte[] request(Collection<? extends Resource> resources) {
        ByteBuilder out = new ByteBuilder(1 << 16);
        for (Resource resource : resources) {
            long scope = 0;
            for (Metric metric : resource.metrics()) {
                scope += field(metricSize(metric));
            }
            int attributes = 0;
            for (KeyValue attribute : resource.attributes()) {
                attributes += (int) field(attribute.getSerializedSize());
            }
            long body = field(attributes) + field(scope);
            tag(out, 1);
            out.writeVarint(body);
            tag(out, 1);
            out.writeVarint(attributes);
            for (KeyValue attribute : resource.attributes()) {
                tag(out, 1);
                byte[] bytes = attribute.toByteArray();
                out.writeVarint(bytes.length);
                out.write(bytes, 0, bytes.length);
            }
            tag(out, 2);
            out.writeVarint(scope);
            for (Metric metric : resource.metrics()) {
                tag(out, 2);
                out.writeVarint(metricSize(metric));
                metric(out, metric);
            }
        }
        return out.toByteArray();
    }

    /** Bytes of a data point field with {@code size} bytes of message (tag, length, message). */
    static long field(long size) {
        return 1 + RemoteWriteLabels.sizeOf(size) + size;
    }

    private static void metric(ByteBuilder out, Metric metric) {
        tag(out, 1);
        out.writeString(metric.name());
        if (!metric.description().isEmpty()) {
            tag(out, 2);
            out.writeString(metric.description());
        }
        tag(out, metric.sum() ? 7 : 5);
        out.writeVarint(dataSize(metric));
        out.write(metric.points().array(), 0, metric.points().size());
        if (metric.sum()) {
            out.writeByte(2 << 3);
            out.writeVarint(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE_VALUE);
            out.writeByte(3 << 3);
            out.writeVarint(1);
        }
    }

    private static long metricSize(Metric metric) {
        long size = field(utf8Length(metric.name())) + field(dataSize(metric));
        return metric.description().isEmpty() ? size : size + field(utf8Length(metric.description()));
    }

    /** The Gauge or Sum message: the points, and for a Sum its temporality and monotonicity (2 + 2 bytes). */
    private static long dataSize(Metric metric) {
        return metric.points().size() + (metric.sum() ? 4 : 0);
    }

    private static int utf8Length(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return text.length();
    }

    private static void tag(ByteBuilder out, int field) {
        out.writeByte(field << 3 | LENGTH_DELIMITED);
    }
}
