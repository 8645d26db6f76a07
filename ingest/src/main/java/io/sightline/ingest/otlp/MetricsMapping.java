package io.sightline.ingest.otlp;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.sightline.ingest.otlp.PrometheusNaming.Kind;
import io.sightline.ingest.prometheus.ByteBuilder;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleRejections;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.Sample;

/**
 * The mapping of one OTLP metrics request ({@link OtlpMetricsMapper} holds what outlives it): walks
 * resources, scopes, metrics and points, and writes series into the batch. Histograms are left to
 * {@link HistogramMapping}. Not thread-safe; one per request.
 */
final class MetricsMapping {
    private static final int NO_RECORDED_VALUE = 1;
    /** log2 of the slots of the per-request {@code le} text cache. */
    private static final int LE_CACHE_BITS = 6;

    private final OtlpMetricsMapper mapper;
    private final OtlpMetricsConfig config;
    private final DeltaRuns deltas;
    private final SampleBatch out;
    private final SampleRejections rejections;
    private final long nowMillis;
    private final SeriesLabels resourceLabels = new SeriesLabels();
    private final SeriesLabels labels = new SeriesLabels();
    private final ByteBuilder key = new ByteBuilder(256);
    private final long[] leBits = new long[1 << LE_CACHE_BITS];
    private final String[] leTexts = new String[1 << LE_CACHE_BITS];
    private Suffixed suffixed = new Suffixed("", "_bucket", "_sum", "_count");
    private String scopeName = "";
    private String scopeVersion = "";
    private int point;
    private long newestMillis;

    MetricsMapping(OtlpMetricsMapper mapper, SampleBatch out, SampleRejections rejections, long nowMillis) {
        this.mapper = mapper;
        this.config = mapper.config();
        this.deltas = mapper.deltas();
        this.out = out;
        this.rejections = rejections;
        this.nowMillis = nowMillis;
    }

    void resource(ResourceMetrics resource) {
        resourceLabels.clear();
        String name = "";
        String namespace = "";
        String instance = "";
        SeriesLabels target = new SeriesLabels();
        for (KeyValue attribute : resource.getResource().getAttributesList()) {
            String value = PrometheusNaming.labelValue(attribute.getValue());
            switch (attribute.getKey()) {
                case "service.name" -> name = value;
                case "service.namespace" -> namespace = value;
                case "service.instance.id" -> instance = value;
                default -> target.add(mapper.labelName(attribute.getKey()), value, attribute.getKey(), SeriesLabels.ATTRIBUTE);
            }
            if (config.promoteResourceAttributes().contains(attribute.getKey())) {
                resourceLabels.add(mapper.labelName(attribute.getKey()), value, attribute.getKey(), SeriesLabels.PROMOTED);
            }
        }
        String job = namespace.isEmpty() ? name : name.isEmpty() ? namespace + "/" : namespace + "/" + name;
        resourceLabels.add("job", job, "job", SeriesLabels.TARGET);
        resourceLabels.add("instance", instance, "instance", SeriesLabels.TARGET);
        int before = out.seriesCount();
        newestMillis = Long.MIN_VALUE;
        for (ScopeMetrics scope : resource.getScopeMetricsList()) {
            scopeName = config.promoteScopeMetadata() ? scope.getScope().getName() : "";
            scopeVersion = config.promoteScopeMetadata() ? scope.getScope().getVersion() : "";
            for (Metric metric : scope.getMetricsList()) {
                metric(metric);
            }
        }
        boolean targetAttributes = target.size() > 0;
        if (targetAttributes && out.seriesCount() > before) {
            target.add("job", job, "job", SeriesLabels.TARGET);
            target.add("instance", instance, "instance", SeriesLabels.TARGET);
            target.seal();
            // Derived, not sent: a target_info sample losing to a newer one is not the client's problem.
            out.beginSeries(-1);
            target.writeTo(out.labelBytes(), "target_info", null, null);
            out.sample(newestMillis, 1);
        }
    }

    private void metric(Metric metric) {
        switch (metric.getDataCase()) {
            case GAUGE -> {
                String family = family(metric, Kind.GAUGE, "gauge");
                for (NumberDataPoint p : metric.getGauge().getDataPointsList()) {
                    number(p, family, false, false);
                }
            }
            case SUM -> {
                boolean monotonic = metric.getSum().getIsMonotonic();
                String family = family(metric, monotonic ? Kind.COUNTER : Kind.NON_MONOTONIC_SUM,
                        monotonic ? "counter" : "gauge");
                boolean delta = metric.getSum().getAggregationTemporality()
                        == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
                for (NumberDataPoint p : metric.getSum().getDataPointsList()) {
                    number(p, family, delta, monotonic);
                }
            }
            case HISTOGRAM -> {
                String family = family(metric, Kind.HISTOGRAM, "histogram");
                boolean delta = metric.getHistogram().getAggregationTemporality()
                        == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
                for (HistogramDataPoint p : metric.getHistogram().getDataPointsList()) {
                    HistogramMapping.explicit(this, p, family, delta);
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                String family = family(metric, Kind.HISTOGRAM, "histogram");
                boolean delta = metric.getExponentialHistogram().getAggregationTemporality()
                        == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
                for (ExponentialHistogramDataPoint p : metric.getExponentialHistogram().getDataPointsList()) {
                    HistogramMapping.exponential(this, p, family, delta);
                }
            }
            case SUMMARY -> {
                String family = family(metric, Kind.SUMMARY, "summary");
                for (SummaryDataPoint p : metric.getSummary().getDataPointsList()) {
                    summary(p, family);
                }
            }
            case DATA_NOT_SET -> {
                // A metric without data has no points to map.
            }
        }
    }

    private String family(Metric metric, Kind kind, String type) {
        String family = PrometheusNaming.metricName(metric.getName(), metric.getUnit(), kind);
        out.metadata(new MetricMetadata(family, type, metric.getDescription(),
                PrometheusNaming.unit(metric.getUnit())));
        return family;
    }

    private void number(NumberDataPoint p, String family, boolean delta, boolean exemplars) {
        int index = point++;
        labels(p.getAttributesList());
        long time = millis(p.getTimeUnixNano());
        boolean stale = (p.getFlags() & NO_RECORDED_VALUE) != 0;
        double value = p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
        series(index, family, null, null);
        if (delta && !stale) {
            int s = out.seriesCount() - 1;
            byte[] block = out.labelArray();
            int start = out.labelStart(s);
            int length = out.labelEnd(s) - start;
            synchronized (deltas.lock()) {
                DeltaRuns.Run found = deltas.find(block, start, length, nowMillis);
                DeltaRuns.Step step = DeltaRuns.step(found instanceof DeltaRuns.SumRun ? found : null,
                        p.getStartTimeUnixNano(), p.getTimeUnixNano());
                if (step == DeltaRuns.Step.REJECT) {
                    out.dropSeries();
                    rejectDelta(index, family, found, p.getTimeUnixNano());
                    return;
                }
                DeltaRuns.SumRun run = step == DeltaRuns.Step.ADD ? (DeltaRuns.SumRun) found : new DeltaRuns.SumRun();
                if (step == DeltaRuns.Step.START) {
                    deltas.put(block, start, length, run);
                }
                run.total += value;
                run.endNanos = p.getTimeUnixNano();
                run.lastSeenMillis = nowMillis;
                value = run.total;
            }
        }
        out.sample(time, stale ? Sample.STALE_NAN : value);
        if (exemplars) {
            for (Exemplar exemplar : p.getExemplarsList()) {
                exemplar(exemplar);
            }
        }
    }

    private void summary(SummaryDataPoint p, String family) {
        int index = point++;
        labels(p.getAttributesList());
        long time = millis(p.getTimeUnixNano());
        boolean stale = (p.getFlags() & NO_RECORDED_VALUE) != 0;
        for (SummaryDataPoint.ValueAtQuantile quantile : p.getQuantileValuesList()) {
            series(index, family, "quantile", mapper.formatFloat(quantile.getQuantile()));
            out.sample(time, stale ? Sample.STALE_NAN : quantile.getValue());
        }
        series(index, suffixed(family).sum(), null, null);
        out.sample(time, stale ? Sample.STALE_NAN : p.getSum());
        series(index, suffixed(family).count(), null, null);
        out.sample(time, stale ? Sample.STALE_NAN : p.getCount());
    }

    void rejectDelta(int index, String family, DeltaRuns.Run run, long timeNanos) {
        rejections.reject(index, SampleRejections.OUT_OF_ORDER, 1, rejections.wantsMessage()
                ? "delta point of " + family + " ending at " + OtlpMetricsMapper.instant(timeNanos)
                + " does not end after the previous point of its series (" + OtlpMetricsMapper.instant(run.endNanos) + ")" : null);
    }

    /** Seals the point's labels: the resource's, the scope's (if promoted), then the attributes. */
    void labels(List<KeyValue> attributes) {
        labels.clear();
        labels.addAll(resourceLabels);
        if (!scopeName.isEmpty()) {
            labels.add("otel_scope_name", scopeName, "otel_scope_name", SeriesLabels.TARGET);
            labels.add("otel_scope_version", scopeVersion, "otel_scope_version", SeriesLabels.TARGET);
        }
        for (KeyValue attribute : attributes) {
            labels.add(mapper.labelName(attribute.getKey()), PrometheusNaming.labelValue(attribute.getValue()),
                    attribute.getKey(), SeriesLabels.ATTRIBUTE);
        }
        labels.seal();
    }

    /** Starts a series of the current point: its labels plus {@code __name__} and one extra label. */
    void series(int index, String metric, String extraName, String extraValue) {
        out.beginSeries(index);
        labels.writeTo(out.labelBytes(), metric, extraName, extraValue);
    }

    /** The family's key for delta runs: the point's labels under the family name. */
    ByteBuilder familyKey(String family) {
        key.clear();
        labels.writeTo(key, family, null, null);
        return key;
    }

    void exemplar(Exemplar exemplar) {
        out.beginExemplar();
        for (KeyValue attribute : exemplar.getFilteredAttributesList()) {
            String value = PrometheusNaming.labelValue(attribute.getValue());
            if (!value.isEmpty()) {
                out.exemplarLabel(mapper.labelName(attribute.getKey()), value);
            }
        }
        if (!exemplar.getSpanId().isEmpty()) {
            out.exemplarLabel("span_id", HexFormat.of().formatHex(exemplar.getSpanId().toByteArray()));
        }
        if (!exemplar.getTraceId().isEmpty()) {
            out.exemplarLabel("trace_id", HexFormat.of().formatHex(exemplar.getTraceId().toByteArray()));
        }
        double value = exemplar.getValueCase() == Exemplar.ValueCase.AS_INT ? exemplar.getAsInt()
                : exemplar.getAsDouble();
        out.endExemplar(value, millis(exemplar.getTimeUnixNano()));
    }

    /** A family's {@code _bucket}, {@code _sum} and {@code _count} names. */
    record Suffixed(String family, String bucket, String sum, String count) {
    }

    /**
     * The suffixed names of {@code family}, built once for a run of points of one family instead of
     * once a series (a histogram point is a dozen series).
     */
    Suffixed suffixed(String family) {
        if (!suffixed.family().equals(family)) {
            suffixed = new Suffixed(family, family + "_bucket", family + "_sum", family + "_count");
        }
        return suffixed;
    }

    long millis(long nanos) {
        long millis = nanos / 1_000_000;
        newestMillis = Math.max(newestMillis, millis);
        return millis;
    }

    SampleBatch out() {
        return out;
    }

    DeltaRuns deltas() {
        return deltas;
    }

    long nowMillis() {
        return nowMillis;
    }

    int nextPoint() {
        return point++;
    }

    OtlpMetricsConfig config() {
        return config;
    }

    /**
     * The {@code le} text of a bound: from a small per-request cache keyed by the bound's bits (the
     * points of a histogram share their bounds), else the mapper's, whose map would box the bound.
     */
    String le(double bound) {
        long bits = Double.doubleToRawLongBits(bound);
        int slot = (int) ((bits ^ (bits >>> 32)) * 0x9E3779B97F4A7C15L >>> (64 - LE_CACHE_BITS));
        String text = leTexts[slot];
        if (text == null || leBits[slot] != bits) {
            text = mapper.formatFloat(bound);
            leBits[slot] = bits;
            leTexts[slot] = text;
        }
        return text;
    }
}
