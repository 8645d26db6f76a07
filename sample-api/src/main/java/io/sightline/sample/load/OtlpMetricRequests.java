package io.sightline.sample.load;

import com.google.protobuf.CodedOutputStream;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The same series as {@link RemoteWriteRequests}, as OTLP/HTTP protobuf
 * {@code ExportMetricsServiceRequest}s: per target a resource ({@code service.name} = job,
 * {@code service.instance.id} = instance) with a cumulative monotonic sum
 * {@code http_requests_total}, a cumulative explicit-bucket histogram
 * {@code http_request_duration_seconds} (one point per path) and one gauge per gauge slot.
 *
 * <p>A request holds whole targets, {@code max(1, batch / 100)} of them. Sample counts are
 * Prometheus-equivalent (a histogram point counts as its 13 series), so the figures compare with
 * remote_write runs. A histogram is sent only when the target exposes all of its 13 slots.
 *
 * <p>Unlike remote_write bodies these are built with the generated message classes for every
 * request (more of the generator's CPU per sample). Every numeric field is fixed-width on the
 * wire, so a request grows only when a zero value (omitted) becomes non-zero; {@link #maxBodyBytes}
 * allows for that. Not thread-safe.
 */
final class OtlpMetricRequests implements MetricRequests {

    /**
     * Bytes a point may grow by once its values leave zero: protobuf omits zero-valued scalar
     * fields, and a histogram point's count (fixed64) and sum (double) take 9 bytes each.
     */
    private static final int ZERO_FIELD_BYTES = 2 * 9;

    private final ScrapeState state;
    private final int series;
    private final long intervalMillis;
    private final long startUnixNanos;
    private final int targetsPerRequest;
    private final int requests;
    private final int[] samples;
    private final int maxBodyBytes;

    /**
     * @param startMillis the simulated process start: every cumulative point's start time
     */
    OtlpMetricRequests(ScrapeState state, int series, int batch, long intervalMillis, long startMillis) {
        this.state = state;
        this.series = series;
        this.intervalMillis = intervalMillis;
        this.startUnixNanos = startMillis * 1_000_000L;
        this.targetsPerRequest = Math.max(1, batch / MetricSeriesShape.SERIES_PER_TARGET);
        this.requests = (state.targetCount() + targetsPerRequest - 1) / targetsPerRequest;
        this.samples = new int[requests];
        int max = 0;
        for (int r = 0; r < requests; r++) {
            for (int t = r * targetsPerRequest; t < Math.min(state.targetCount(), (r + 1) * targetsPerRequest); t++) {
                samples[r] += sentSlots(MetricSeriesShape.slots(state.target(t), series));
            }
            int points = (int) build(r, startMillis).getResourceMetricsList().stream()
                    .flatMap(rm -> rm.getScopeMetricsList().stream()).flatMap(sm -> sm.getMetricsList().stream())
                    .mapToLong(m -> m.getSum().getDataPointsCount() + m.getGauge().getDataPointsCount()
                            + m.getHistogram().getDataPointsCount()).sum();
            max = Math.max(max, build(r, startMillis).getSerializedSize() + points * ZERO_FIELD_BYTES);
        }
        this.maxBodyBytes = max;
    }

    @Override
    public int requestsPerRound() {
        return requests;
    }

    @Override
    public int samples(int request) {
        return samples[request];
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public void advance() {
        state.advance();
    }

    @Override
    public int encode(int request, long roundMillis, byte[] out) {
        ExportMetricsServiceRequest message = build(request, roundMillis);
        int size = message.getSerializedSize();
        CodedOutputStream coded = CodedOutputStream.newInstance(out, 0, size);
        try {
            message.writeTo(coded);
        } catch (IOException e) {
            throw new IllegalStateException("encoding into an array cannot fail", e);
        }
        return size;
    }

    @Override
    public HttpRequest.Builder headers(HttpRequest.Builder request) {
        return request.header("Content-Type", "application/x-protobuf");
    }

    /** Slots of a target exposing {@code slots} that are sent: histograms only when complete. */
    static int sentSlots(int slots) {
        int sent = 0;
        for (int s = 0; s < slots; s++) {
            MetricSeriesShape.Kind kind = MetricSeriesShape.kind(s);
            boolean histogram = kind != MetricSeriesShape.Kind.COUNTER && kind != MetricSeriesShape.Kind.GAUGE;
            if (!histogram || lastSlotOf(MetricSeriesShape.histogram(s)) < slots) {
                sent++;
            }
        }
        return sent;
    }

    private static int lastSlotOf(int histogram) {
        return MetricSeriesShape.FIRST_HISTOGRAM + (histogram + 1) * MetricSeriesShape.HISTOGRAM_SERIES - 1;
    }

    ExportMetricsServiceRequest build(int request, long roundMillis) {
        ExportMetricsServiceRequest.Builder out = ExportMetricsServiceRequest.newBuilder();
        int end = Math.min(state.targetCount(), (request + 1) * targetsPerRequest);
        for (int t = request * targetsPerRequest; t < end; t++) {
            out.addResourceMetrics(target(t, roundMillis));
        }
        return out.build();
    }

    private ResourceMetrics target(int localTarget, long roundMillis) {
        int target = state.target(localTarget);
        int slots = MetricSeriesShape.slots(target, series);
        long time = (roundMillis + MetricSeriesShape.scrapeOffsetMillis(target, intervalMillis)) * 1_000_000L;
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("sightline-metric-load"));
        Sum.Builder requestsTotal = Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        Histogram.Builder duration = Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        List<Metric> gauges = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            List<String[]> labels = MetricSeriesShape.labels(target, s);
            switch (MetricSeriesShape.kind(s)) {
                case COUNTER -> requestsTotal.addDataPoints(NumberDataPoint.newBuilder()
                        .addAttributes(attribute("method", labels.get(3)[1]))
                        .addAttributes(attribute("path", labels.get(4)[1]))
                        .addAttributes(attribute("status", labels.get(5)[1]))
                        .setStartTimeUnixNano(startUnixNanos).setTimeUnixNano(time)
                        .setAsInt((long) state.value(localTarget, s)));
                case GAUGE -> gauges.add(Metric.newBuilder().setName(labels.get(0)[1])
                        .setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder()
                                .setTimeUnixNano(time).setAsDouble(state.value(localTarget, s))))
                        .build());
                default -> {
                    int histogram = MetricSeriesShape.histogram(s);
                    int first = MetricSeriesShape.FIRST_HISTOGRAM + histogram * MetricSeriesShape.HISTOGRAM_SERIES;
                    if (s == first && lastSlotOf(histogram) < slots) {
                        duration.addDataPoints(histogramPoint(localTarget, first, time,
                                MetricSeriesShape.PATHS[histogram]));
                    }
                }
            }
        }
        if (requestsTotal.getDataPointsCount() > 0) {
            scope.addMetrics(Metric.newBuilder().setName("http_requests_total").setSum(requestsTotal));
        }
        if (duration.getDataPointsCount() > 0) {
            scope.addMetrics(Metric.newBuilder().setName("http_request_duration_seconds").setUnit("s")
                    .setHistogram(duration));
        }
        scope.addAllMetrics(gauges);
        return ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder()
                        .addAttributes(attribute("service.name", MetricSeriesShape.job(target)))
                        .addAttributes(attribute("service.instance.id", MetricSeriesShape.instance(target))))
                .addScopeMetrics(scope)
                .build();
    }

    /** OTLP buckets are per-bucket counts; the state holds Prometheus's cumulative ones. */
    private HistogramDataPoint histogramPoint(int localTarget, int first, long time, String path) {
        HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder()
                .addAttributes(attribute("path", path))
                .setStartTimeUnixNano(startUnixNanos).setTimeUnixNano(time);
        double previous = 0;
        int buckets = MetricSeriesShape.BUCKET_BOUNDS.length + 1;
        for (int b = 0; b < buckets; b++) {
            double cumulative = state.value(localTarget, first + b);
            point.addBucketCounts((long) (cumulative - previous));
            previous = cumulative;
        }
        for (double bound : MetricSeriesShape.BUCKET_BOUNDS) {
            point.addExplicitBounds(bound);
        }
        return point.setSum(state.value(localTarget, first + buckets))
                .setCount((long) state.value(localTarget, first + buckets + 1))
                .build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
