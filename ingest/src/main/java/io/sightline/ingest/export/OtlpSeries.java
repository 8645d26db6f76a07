package io.sightline.ingest.export;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.sightline.ingest.otlp.PrometheusNaming;
import io.sightline.ingest.prometheus.ByteBuilder;
import io.sightline.storage.tsdb.Labels;

/**
 * One Prometheus series as OTLP sees it, shaped so that Sightline's OTLP receiver maps it back to
 * the same series: {@code job} split into {@code service.namespace}/{@code service.name},
 * {@code instance} as {@code service.instance.id} (the resource), {@code __name__} as the metric
 * name, every other label a string attribute under its own name. A counter is a monotonic
 * cumulative Sum only when the receiver's naming gives its name back unchanged
 * ({@link PrometheusNaming#metricName} with kind COUNTER, which ends it in {@code _total}); any other
 * series is a Gauge (no unit, so no suffix is added). Immutable (the attribute array is never changed).
 *
 * @param job        the {@code job} label, "" when absent (the resource key with {@code instance})
 * @param instance   the {@code instance} label, "" when absent
 * @param name       the metric name
 * @param sum        whether the series goes out as a monotonic Sum (else a Gauge)
 * @param attributes the data point attributes as protobuf bytes: each {@code repeated KeyValue
 *                   attributes = 7} field of a NumberDataPoint, tag and length included (written as
 *                   they are into every point of the series)
 * @param allowed    whether the exporter's filter forwards the series
 */
record OtlpSeries(String job, String instance, String name, boolean sum, byte[] attributes, boolean allowed) {
    /** Tag of NumberDataPoint's {@code attributes = 7}, length-delimited. */
    private static final int ATTRIBUTES_TAG = 7 << 3 | 2;
    private static final HexFormat HEX = HexFormat.of();

    /** The series of {@code labels}; {@code type} is its family's metadata type, or "" when unknown. */
    static OtlpSeries of(Labels labels, String type, ExportFilter filter) {
        String job = labels.get("job");
        job = job == null ? "" : job;
        String instance = labels.get("instance");
        String name = labels.metricName();
        name = name == null ? "" : name;
        boolean sum = type.equals("counter") && name.endsWith("_total")
                && PrometheusNaming.metricName(name, "", PrometheusNaming.Kind.COUNTER).equals(name);
        ByteBuilder attributes = new ByteBuilder(64);
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.name(i);
            if (label.equals(Labels.METRIC_NAME) || label.equals("job") || label.equals("instance")) {
                continue;
            }
            byte[] attribute = attribute(label, labels.value(i)).toByteArray();
            attributes.writeByte(ATTRIBUTES_TAG);
            attributes.writeVarint(attribute.length);
            attributes.write(attribute, 0, attribute.length);
        }
        return new OtlpSeries(job, instance == null ? "" : instance, name, sum, attributes.toByteArray(),
                filter.allowsService(JobLabel.service(job)) && filter.allowsMetric(name));
    }

    /** The resource attributes the receiver turns back into {@code job} and {@code instance}. */
    static List<KeyValue> resource(String job, String instance) {
        List<KeyValue> attributes = new ArrayList<>(3);
        String namespace = JobLabel.namespace(job);
        String service = namespace.isEmpty() ? job : job.substring(namespace.length() + 1);
        if (!service.isEmpty()) {
            attributes.add(attribute("service.name", service));
        }
        if (!namespace.isEmpty()) {
            attributes.add(attribute("service.namespace", namespace));
        }
        if (!instance.isEmpty()) {
            attributes.add(attribute("service.instance.id", instance));
        }
        return attributes;
    }

    /**
     * An exemplar: {@code trace_id} and {@code span_id} labels back to ids when they are lowercase hex
     * of the right length (the receiver writes them so), every other label a filtered attribute.
     */
    static Exemplar exemplar(Labels labels, double value, long timestampMs) {
        Exemplar.Builder exemplar = Exemplar.newBuilder().setAsDouble(value)
                .setTimeUnixNano(timestampMs * 1_000_000);
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            String text = labels.value(i);
            if (name.equals("trace_id") && isHexId(text, 16)) {
                exemplar.setTraceId(ByteString.copyFrom(HEX.parseHex(text)));
            } else if (name.equals("span_id") && isHexId(text, 8)) {
                exemplar.setSpanId(ByteString.copyFrom(HEX.parseHex(text)));
            } else {
                exemplar.addFilteredAttributes(attribute(name, text));
            }
        }
        return exemplar.build();
    }

    private static boolean isHexId(String text, int bytes) {
        if (text.length() != bytes * 2) {
            return false;
        }
        boolean zero = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
            zero &= c == '0';
        }
        return !zero; // an all-zero id is invalid in OTLP
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
