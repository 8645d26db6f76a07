package io.sightline.sample.load;

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
 * <p>Every numeric field of these messages is fixed-width on the wire, so each request is encoded
 * once, with the generated classes, as a <em>template</em> whose numbers are unique markers; the
 * markers' offsets are found in the bytes, and each round copies the template and writes the round's
 * numbers at those offsets. A field is then present even when its value is zero (proto3 writers omit
 * it, every reader accepts it), so a request keeps one size. The generator's CPU per sample stays
 * near the remote_write generator's, which also patches pre-encoded bodies. Not thread-safe.
 */
final class OtlpMetricRequests implements MetricRequests {

    /** The high four bytes of every marker: 0xA5 four times cannot occur in UTF-8 text. */
    private static final long MARKER = 0xA5A5A5A5_00000000L;

    private final ScrapeState state;
    private final int series;
    private final long intervalMillis;
    private final long startUnixNanos;
    private final int targetsPerRequest;
    private final int requests;
    private final int[] samples;
    private final Template[] templates;
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
        this.templates = new Template[requests];
        int max = 0;
        for (int r = 0; r < requests; r++) {
            for (int t = r * targetsPerRequest; t < Math.min(state.targetCount(), (r + 1) * targetsPerRequest); t++) {
                samples[r] += sentSlots(MetricSeriesShape.slots(state.target(t), series));
            }
            templates[r] = template(r);
            max = Math.max(max, templates[r].bytes.length);
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
        Template template = templates[request];
        System.arraycopy(template.bytes, 0, out, 0, template.bytes.length);
        Field[] fields = template.fields;
        long[] bits = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            bits[i] = bits(fields[i], roundMillis);
        }
        for (int i = 0; i < template.offsets.length; i++) {
            writeLongLittleEndian(out, template.offsets[i], bits[template.fieldAt[i]]);
        }
        return template.bytes.length;
    }

    /** The wire bits of one numeric field this round. */
    private long bits(Field field, long roundMillis) {
        int target = field.localTarget;
        return switch (field.kind) {
            case TIME -> (roundMillis + MetricSeriesShape.scrapeOffsetMillis(state.target(target), intervalMillis)) * 1_000_000L;
            case AS_INT, COUNT -> (long) state.value(target, field.slot);
            case AS_DOUBLE, SUM -> Double.doubleToRawLongBits(state.value(target, field.slot));
            case BUCKET -> (long) (state.value(target, field.slot) - (field.slot == field.first ? 0 : state.value(target, field.slot - 1)));
        };
    }

    /** Encodes request {@code request} with markers for its numbers and finds where they landed. */
    private Template template(int request) {
        List<Field> fields = new ArrayList<>();
        ExportMetricsServiceRequest message = build(request, 0, field -> {
            fields.add(field);
            return MARKER | (fields.size() - 1);
        });
        byte[] bytes = message.toByteArray();
        // A field may be written more than once (a target's time goes into each of its points).
        List<int[]> found = new ArrayList<>();
        boolean[] seen = new boolean[fields.size()];
        for (int at = 0; at + 8 <= bytes.length; at++) {
            long word = readLongLittleEndian(bytes, at);
            if ((word & 0xFFFFFFFF_00000000L) == MARKER && (word & 0xFFFFFFFFL) < fields.size()) {
                int index = (int) (word & 0xFFFFFFFFL);
                found.add(new int[] {at, index});
                seen[index] = true;
                at += 7;
            }
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new IllegalStateException("marker " + i + " not found in the encoded template of request " + request);
            }
        }
        return new Template(bytes, fields.toArray(Field[]::new), found.stream().mapToInt(f -> f[0]).toArray(),
                found.stream().mapToInt(f -> f[1]).toArray());
    }

    private static long readLongLittleEndian(byte[] bytes, int at) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[at + i] & 0xFFL);
        }
        return value;
    }

    private static void writeLongLittleEndian(byte[] out, int at, long value) {
        for (int i = 0; i < 8; i++) {
            out[at + i] = (byte) (value >>> (8 * i));
        }
    }

    /** What a numeric field holds; {@code slot} is the state slot it reads, {@code first} a histogram's first. */
    private record Field(Kind kind, int localTarget, int slot, int first) {
        enum Kind { TIME, AS_INT, AS_DOUBLE, BUCKET, SUM, COUNT }
    }

    /** Hands out a field's wire bits while a message is built: markers for a template. */
    @FunctionalInterface
    private interface FieldBits {
        long bits(Field field);
    }

    /** A request's bytes with markers; {@code offsets[i]} holds field {@code fieldAt[i]}'s bits. */
    private record Template(byte[] bytes, Field[] fields, int[] offsets, int[] fieldAt) {
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

    /** The request as this round's message, with the generated classes (what the templates stand for). */
    ExportMetricsServiceRequest build(int request, long roundMillis) {
        return build(request, roundMillis, field -> bits(field, roundMillis));
    }

    private ExportMetricsServiceRequest build(int request, long roundMillis, FieldBits values) {
        ExportMetricsServiceRequest.Builder out = ExportMetricsServiceRequest.newBuilder();
        int end = Math.min(state.targetCount(), (request + 1) * targetsPerRequest);
        for (int t = request * targetsPerRequest; t < end; t++) {
            out.addResourceMetrics(target(t, values));
        }
        return out.build();
    }

    private ResourceMetrics target(int localTarget, FieldBits values) {
        int target = state.target(localTarget);
        int slots = MetricSeriesShape.slots(target, series);
        long time = values.bits(new Field(Field.Kind.TIME, localTarget, 0, 0));
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
                        .setAsInt(values.bits(new Field(Field.Kind.AS_INT, localTarget, s, 0))));
                case GAUGE -> gauges.add(Metric.newBuilder().setName(labels.get(0)[1])
                        .setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder()
                                .setTimeUnixNano(time).setAsDouble(Double.longBitsToDouble(
                                        values.bits(new Field(Field.Kind.AS_DOUBLE, localTarget, s, 0))))))
                        .build());
                default -> {
                    int histogram = MetricSeriesShape.histogram(s);
                    int first = MetricSeriesShape.FIRST_HISTOGRAM + histogram * MetricSeriesShape.HISTOGRAM_SERIES;
                    if (s == first && lastSlotOf(histogram) < slots) {
                        duration.addDataPoints(histogramPoint(localTarget, first, time,
                                MetricSeriesShape.PATHS[histogram], values));
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
    private HistogramDataPoint histogramPoint(int localTarget, int first, long time, String path, FieldBits values) {
        HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder()
                .addAttributes(attribute("path", path))
                .setStartTimeUnixNano(startUnixNanos).setTimeUnixNano(time);
        int buckets = MetricSeriesShape.BUCKET_BOUNDS.length + 1;
        for (int b = 0; b < buckets; b++) {
            point.addBucketCounts(values.bits(new Field(Field.Kind.BUCKET, localTarget, first + b, first)));
        }
        for (double bound : MetricSeriesShape.BUCKET_BOUNDS) {
            point.addExplicitBounds(bound);
        }
        return point.setSum(Double.longBitsToDouble(values.bits(new Field(Field.Kind.SUM, localTarget, first + buckets, first))))
                .setCount(values.bits(new Field(Field.Kind.COUNT, localTarget, first + buckets + 1, first)))
                .build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
