package io.sightline.ingest.otlp;

import java.util.SplittableRandom;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * Random OTLP metrics requests for equivalence tests: every metric type, both temporalities,
 * NaN/±Inf/-0 values, int and double values, NO_RECORDED_VALUE, exemplars (some with ids of a wrong
 * length), every attribute value kind (nested arrays and maps too), empty and missing parts,
 * unknown fields, and now and then a part over the test limits ({@link #LIMITS}) or a metric
 * without a name. Names and values come from small pools, so series and delta runs repeat across
 * requests. Not thread-safe.
 */
final class RandomMetricsRequests {
    /** Small limits, so random attributes break them now and then. */
    static final io.sightline.ingest.IngestLimits LIMITS = new io.sightline.ingest.IngestLimits(1 << 20, 6, 40);

    private static final String[] KEYS = {"service.name", "service.namespace", "service.instance.id", "http.route",
            "http.method", "host", "k8s.pod.name", "region", "a.b", "a_b", "1st", "_x", "le", "job", "quantile", ""};
    private static final String[] STRINGS = {"", "GET", "/api/v1/orders", "checkout", "eu-west", "x;y", "ü€😀",
            "quote\"back\\slash\nline"};
    private static final String[] NAMES = {"http.server.duration", "requests", "cpu.time", "queue-size", "9lives",
            "memory.used", "ratio"};
    private static final String[] UNITS = {"", "s", "ms", "By", "1", "%", "{request}", "By/s", "KiBy"};
    private static final double[] DOUBLES = {0, -0.0, 1, 2.5, -3, 1e300, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0.005, Double.MIN_VALUE};

    private final SplittableRandom random;
    private long time = 1_767_225_600_000_000_000L;

    RandomMetricsRequests(SplittableRandom random) {
        this.random = random;
    }

    ExportMetricsServiceRequest next() {
        time += 1_000_000_000L * (random.nextInt(20) - 3); // now and then backwards: delta repeats
        ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
        for (int r = random.nextInt(4); r > 0; r--) {
            ResourceMetrics.Builder resource = ResourceMetrics.newBuilder();
            if (random.nextInt(5) > 0) {
                Resource.Builder attributes = Resource.newBuilder();
                for (int i = random.nextInt(5); i > 0; i--) {
                    attributes.addAttributes(attribute(0));
                }
                resource.setResource(attributes.setDroppedAttributesCount(random.nextInt(2)));
            }
            if (random.nextInt(4) == 0) {
                resource.setSchemaUrl("https://opentelemetry.io/schemas/1.24.0");
            }
            for (int s = random.nextInt(3); s > 0; s--) {
                resource.addScopeMetrics(scope());
            }
            request.addResourceMetrics(unknownFields(resource.build()));
        }
        return unknownFields(request.build());
    }

    private ScopeMetrics scope() {
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
        if (random.nextInt(4) > 0) {
            InstrumentationScope.Builder instrumentation = InstrumentationScope.newBuilder()
                    .setName(random.nextBoolean() ? "io.opentelemetry.jetty" : "").setVersion(pick(STRINGS));
            for (int i = random.nextInt(3); i > 0; i--) {
                instrumentation.addAttributes(attribute(0));
            }
            scope.setScope(instrumentation);
        }
        for (int m = random.nextInt(4); m > 0; m--) {
            scope.addMetrics(metric());
        }
        return unknownFields(scope.build());
    }

    private Metric metric() {
        Metric.Builder metric = Metric.newBuilder().setName(random.nextInt(100) == 0 ? "" : pick(NAMES))
                .setUnit(pick(UNITS)).setDescription(random.nextBoolean() ? "" : "what it counts");
        if (random.nextInt(10) == 0) {
            metric.addMetadata(attribute(0));
        }
        AggregationTemporality temporality = random.nextBoolean()
                ? AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
                : AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
        int points = random.nextInt(4);
        switch (random.nextInt(7)) {
            case 0 -> {
                Gauge.Builder gauge = Gauge.newBuilder();
                for (int i = 0; i < points; i++) {
                    gauge.addDataPoints(number());
                }
                metric.setGauge(gauge);
            }
            case 1, 2 -> {
                Sum.Builder sum = Sum.newBuilder().setAggregationTemporality(temporality)
                        .setIsMonotonic(random.nextInt(3) > 0);
                for (int i = 0; i < points; i++) {
                    sum.addDataPoints(number());
                }
                metric.setSum(sum);
            }
            case 3 -> {
                Histogram.Builder histogram = Histogram.newBuilder().setAggregationTemporality(temporality);
                for (int i = 0; i < points; i++) {
                    histogram.addDataPoints(histogram());
                }
                metric.setHistogram(histogram);
            }
            case 4 -> {
                ExponentialHistogram.Builder histogram = ExponentialHistogram.newBuilder()
                        .setAggregationTemporality(temporality);
                for (int i = 0; i < points; i++) {
                    histogram.addDataPoints(exponential());
                }
                metric.setExponentialHistogram(histogram);
            }
            case 5 -> {
                Summary.Builder summary = Summary.newBuilder();
                for (int i = 0; i < points; i++) {
                    summary.addDataPoints(summary());
                }
                metric.setSummary(summary);
            }
            default -> {
                // no data
            }
        }
        return unknownFields(metric.build());
    }

    private NumberDataPoint number() {
        NumberDataPoint.Builder p = NumberDataPoint.newBuilder().setTimeUnixNano(pointTime())
                .setStartTimeUnixNano(random.nextBoolean() ? 0 : time - 60_000_000_000L).setFlags(flags());
        if (random.nextBoolean()) {
            p.setAsInt(random.nextLong(-5, 1_000_000));
        } else if (random.nextInt(5) > 0) {
            p.setAsDouble(pick(DOUBLES) * random.nextInt(1, 100));
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            p.addAttributes(attribute(0));
        }
        for (int i = random.nextInt(3) == 0 ? random.nextInt(3) : 0; i > 0; i--) {
            p.addExemplars(exemplar());
        }
        return unknownFields(p.build());
    }

    private HistogramDataPoint histogram() {
        HistogramDataPoint.Builder p = HistogramDataPoint.newBuilder().setTimeUnixNano(pointTime())
                .setStartTimeUnixNano(random.nextBoolean() ? 0 : time - 60_000_000_000L).setFlags(flags())
                .setCount(random.nextInt(1000));
        if (random.nextInt(4) > 0) {
            p.setSum(pick(DOUBLES));
        }
        if (random.nextInt(5) == 0) {
            p.setMin(1).setMax(2);
        }
        int bounds = random.nextInt(6);
        double bound = random.nextInt(3) - 1;
        for (int i = 0; i < bounds; i++) {
            bound += random.nextInt(1, 4) * 0.25;
            p.addExplicitBounds(bound);
        }
        // Usually one count more than bounds; sometimes fewer or more, as broken senders do.
        int counts = random.nextInt(5) > 0 ? bounds + 1 : random.nextInt(bounds + 3);
        for (int i = 0; i < counts; i++) {
            p.addBucketCounts(random.nextInt(50));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            p.addAttributes(attribute(0));
        }
        for (int i = random.nextInt(3) == 0 ? random.nextInt(4) : 0; i > 0; i--) {
            p.addExemplars(exemplar());
        }
        return unknownFields(p.build());
    }

    private ExponentialHistogramDataPoint exponential() {
        ExponentialHistogramDataPoint.Builder p = ExponentialHistogramDataPoint.newBuilder()
                .setTimeUnixNano(pointTime()).setStartTimeUnixNano(random.nextBoolean() ? 0 : time - 60_000_000_000L)
                .setFlags(flags()).setScale(random.nextInt(-3, 9)).setCount(random.nextInt(500))
                .setZeroCount(random.nextInt(3) == 0 ? random.nextInt(10) : 0);
        if (random.nextBoolean()) {
            p.setZeroThreshold(random.nextBoolean() ? 1e-9 : 0.5);
        }
        if (random.nextInt(4) > 0) {
            p.setSum(pick(DOUBLES));
        }
        if (random.nextInt(5) > 0) {
            p.setPositive(buckets());
        }
        if (random.nextInt(3) == 0) {
            p.setNegative(buckets());
        }
        if (random.nextInt(5) == 0) {
            p.setMin(-1).setMax(3);
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            p.addAttributes(attribute(0));
        }
        for (int i = random.nextInt(3) == 0 ? random.nextInt(3) : 0; i > 0; i--) {
            p.addExemplars(exemplar());
        }
        return unknownFields(p.build());
    }

    private ExponentialHistogramDataPoint.Buckets buckets() {
        ExponentialHistogramDataPoint.Buckets.Builder buckets = ExponentialHistogramDataPoint.Buckets.newBuilder()
                .setOffset(random.nextInt(-40, 40));
        for (int i = random.nextInt(12); i > 0; i--) {
            buckets.addBucketCounts(random.nextInt(4) == 0 ? 0 : random.nextLong(1, 1L << 40));
        }
        return buckets.build();
    }

    private SummaryDataPoint summary() {
        SummaryDataPoint.Builder p = SummaryDataPoint.newBuilder().setTimeUnixNano(pointTime()).setFlags(flags())
                .setCount(random.nextInt(100)).setSum(pick(DOUBLES));
        for (int i = random.nextInt(4); i > 0; i--) {
            p.addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder()
                    .setQuantile(random.nextInt(5) * 0.25).setValue(pick(DOUBLES)));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            p.addAttributes(attribute(0));
        }
        return unknownFields(p.build());
    }

    private Exemplar exemplar() {
        Exemplar.Builder exemplar = Exemplar.newBuilder().setTimeUnixNano(pointTime());
        if (random.nextBoolean()) {
            exemplar.setAsDouble(random.nextInt(10) * 0.3);
        } else {
            exemplar.setAsInt(random.nextInt(10));
        }
        if (random.nextBoolean()) {
            exemplar.setTraceId(bytes(random.nextInt(100) == 0 ? 15 : 16)).setSpanId(bytes(random.nextInt(100) == 0 ? 7 : 8));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            exemplar.addFilteredAttributes(attribute(0));
        }
        return exemplar.build();
    }

    /** An attribute; its value any kind, nested ones down to depth 2; one in 300 strings far over the size limit. */
    private KeyValue attribute(int depth) {
        KeyValue.Builder attribute = KeyValue.newBuilder().setKey(pick(KEYS));
        if (random.nextInt(12) > 0) {
            attribute.setValue(value(depth));
        }
        return attribute.build();
    }

    private AnyValue value(int depth) {
        AnyValue.Builder value = AnyValue.newBuilder();
        switch (random.nextInt(depth < 2 ? 9 : 7)) {
            case 0, 1, 2 -> value.setStringValue(random.nextInt(300) == 0 ? "x".repeat(100) : pick(STRINGS));
            case 3 -> value.setBoolValue(random.nextBoolean());
            case 4 -> value.setIntValue(random.nextLong(-1000, 1000));
            case 5 -> value.setDoubleValue(pick(DOUBLES));
            case 6 -> value.setBytesValue(bytes(random.nextInt(6)));
            case 7 -> {
                ArrayValue.Builder array = ArrayValue.newBuilder();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.addValues(value(depth + 1));
                }
                value.setArrayValue(array);
            }
            default -> {
                KeyValueList.Builder list = KeyValueList.newBuilder();
                for (int i = random.nextInt(3); i > 0; i--) {
                    list.addValues(attribute(depth + 1));
                }
                value.setKvlistValue(list);
            }
        }
        return value.build();
    }

    private long pointTime() {
        return random.nextInt(10) == 0 ? 0 : time + random.nextInt(1000) * 1_000_000L;
    }

    private int flags() {
        return random.nextInt(8) == 0 ? 1 : random.nextInt(30) == 0 ? 2 : 0;
    }

    private ByteString bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(1, 256);
        }
        return ByteString.copyFrom(bytes);
    }

    /** Now and then an unknown field (a number the schema does not use) of each wire type. */
    @SuppressWarnings("unchecked")
    private <M extends com.google.protobuf.Message> M unknownFields(M message) {
        if (random.nextInt(8) != 0) {
            return message;
        }
        UnknownFieldSet.Field field = switch (random.nextInt(4)) {
            case 0 -> UnknownFieldSet.Field.newBuilder().addVarint(random.nextLong()).build();
            case 1 -> UnknownFieldSet.Field.newBuilder().addFixed64(random.nextLong()).build();
            case 2 -> UnknownFieldSet.Field.newBuilder().addFixed32(random.nextInt()).build();
            default -> UnknownFieldSet.Field.newBuilder().addLengthDelimited(bytes(random.nextInt(5))).build();
        };
        return (M) message.toBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
                .addField(1000 + random.nextInt(100), field).build()).build();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private double pick(double[] values) {
        return values[random.nextInt(values.length)];
    }
}
