package io.sightline.ingest.otlp;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleRejections;

/**
 * Maps an OTLP metrics request to Prometheus series and samples (a {@link SampleBatch}), following
 * the OpenTelemetry "Prometheus and OpenMetrics Compatibility" specification (names and suffixes in
 * {@link PrometheusNaming}):
 * <ul>
 *   <li>gauges and non-monotonic sums → gauges; monotonic sums → counters ({@code _total});
 *   <li>histograms → {@code _bucket{le}} (cumulative, ending with {@code +Inf} = count), {@code _sum}
 *       (when the point has one), {@code _count}; exponential histograms the same, their buckets
 *       converted by {@link ExponentialBuckets}; summaries → {@code {quantile}}, {@code _sum}, {@code _count};
 *   <li>delta temporality → cumulative through {@link DeltaRuns};
 *   <li>{@code job} = {@code service.namespace/service.name} (or {@code service.name}), {@code instance}
 *       = {@code service.instance.id}; the other resource attributes go on one {@code target_info}
 *       gauge (value 1) per resource, at its newest point's time; chosen ones also on every series;
 *   <li>points flagged NO_RECORDED_VALUE → Prometheus stale markers; no other staleness is invented;
 *   <li>exemplars of counters and histograms, with {@code trace_id}/{@code span_id} labels (hex),
 *       each on the bucket its value falls in;
 *   <li>metadata per family: type, help (description), unit (in Prometheus words).
 * </ul>
 * Data points are numbered across the request from 0 in order; each series remembers its point, so
 * a rejected sample marks its point in OTLP partial success. Thread-safe: per-request state is local,
 * delta runs are locked.
 */
public final class OtlpMetricsMapper {
    private static final int NO_RECORDED_VALUE = 1;
    private static final int NAME_CACHE_LIMIT = 10_000;

    private final OtlpMetricsConfig config;
    private final InstantSource clock;
    private final DeltaRuns deltas;
    private final Map<String, EncodedText> labelNames = new ConcurrentHashMap<>();
    private final Map<Double, String> floats = new ConcurrentHashMap<>();

    public OtlpMetricsMapper(OtlpMetricsConfig config, InstantSource clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deltas = new DeltaRuns(config.deltaIdleTimeout().toMillis());
    }

    OtlpMetricsConfig config() {
        return config;
    }

    DeltaRuns deltas() {
        return deltas;
    }

    /** Delta series with a running total. */
    public int deltaRuns() {
        synchronized (deltas.lock()) {
            return deltas.size();
        }
    }

    /** Maps {@code request} into {@code out} (cleared first); delta points that cannot be added go to {@code rejections}. */
    public void map(ExportMetricsServiceRequest request, SampleBatch out, SampleRejections rejections) {
        out.clear();
        new MessageMetricsReader(new MetricsMapping(this, out, rejections, clock.millis())).request(request);
    }

    /**
     * Maps a protobuf {@code ExportMetricsServiceRequest} that {@link MetricsWireCheck} found valid,
     * straight from its bytes, into {@code out} (cleared first); the same batch as {@link #map} of
     * the parsed request.
     */
    void mapWire(byte[] request, SampleBatch out, SampleRejections rejections) {
        out.clear();
        new MetricsWireReader(request, new MetricsMapping(this, out, rejections, clock.millis())).request();
    }

    EncodedText labelName(String key) {
        EncodedText name = labelNames.get(key);
        if (name == null) {
            if (labelNames.size() > NAME_CACHE_LIMIT) {
                labelNames.clear();
            }
            name = EncodedText.of(PrometheusNaming.labelName(key));
            labelNames.put(key, name);
        }
        return name;
    }

    String formatFloat(double value) {
        String text = floats.get(value);
        if (text == null) {
            if (floats.size() > NAME_CACHE_LIMIT) {
                floats.clear();
            }
            text = PrometheusNaming.formatFloat(value);
            floats.put(value, text);
        }
        return text;
    }

    static String instant(long nanos) {
        return Instant.ofEpochSecond(0, nanos).toString();
    }
}
