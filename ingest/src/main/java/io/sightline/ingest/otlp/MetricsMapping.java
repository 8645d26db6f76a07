package io.sightline.ingest.otlp;

import java.util.HexFormat;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.sightline.ingest.otlp.PrometheusNaming.Kind;
import io.sightline.ingest.prometheus.ByteBuilder;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleRejections;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.Sample;

/**
 * The mapping of one OTLP metrics request ({@link OtlpMetricsMapper} holds what outlives it): it is
 * told the request's resources, scopes, metrics and points in order, as plain values, and writes
 * series into the batch. Two readers drive it, so both give the same batch: {@link
 * MessageMetricsReader} (parsed messages: OTLP/JSON, and requests the wire reader leaves to the full
 * parse) and {@link MetricsWireReader} (protobuf bytes). Histograms are left to {@link
 * HistogramMapping}. Not thread-safe; one per request.
 */
final class MetricsMapping {
    private static final int NO_RECORDED_VALUE = 1;
    /** log2 of the slots of the per-request {@code le} text cache. */
    private static final int LE_CACHE_BITS = 6;
    private static final EncodedText JOB = EncodedText.of("job");
    private static final EncodedText INSTANCE = EncodedText.of("instance");
    private static final EncodedText SCOPE_NAME = EncodedText.of("otel_scope_name");
    private static final EncodedText SCOPE_VERSION = EncodedText.of("otel_scope_version");
    private static final EncodedText TARGET_INFO = EncodedText.of("target_info");

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
    private final EncodedText[] leTexts = new EncodedText[1 << LE_CACHE_BITS];
    private Suffixed suffixed = Suffixed.of("");
    private String scopeName = "";
    private String scopeVersion = "";
    /** The resource's own attributes, for its {@code target_info}. */
    private final SeriesLabels target = new SeriesLabels();
    private String serviceName = "";
    private String serviceNamespace = "";
    private String serviceInstance = "";
    private String job = "";
    private int seriesBeforeResource;
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

    /** Starts a resource: its attributes follow ({@link #resourceAttribute}), then {@link #endResourceAttributes}. */
    void beginResource() {
        resourceLabels.clear();
        serviceName = "";
        serviceNamespace = "";
        serviceInstance = "";
        target.clear();
    }

    /** One resource attribute, its value already in label form ({@link PrometheusNaming#labelValue}). */
    void resourceAttribute(String key, String value) {
        switch (key) {
            case "service.name" -> serviceName = value;
            case "service.namespace" -> serviceNamespace = value;
            case "service.instance.id" -> serviceInstance = value;
            default -> target.add(mapper.labelName(key), value, key, SeriesLabels.ATTRIBUTE);
        }
        if (config.promoteResourceAttributes().contains(key)) {
            resourceLabels.add(mapper.labelName(key), value, key, SeriesLabels.PROMOTED);
        }
    }

    /** Derives {@code job} and {@code instance}; the resource's scopes and metrics follow. */
    void endResourceAttributes() {
        job = serviceNamespace.isEmpty() ? serviceName
                : serviceName.isEmpty() ? serviceNamespace + "/" : serviceNamespace + "/" + serviceName;
        resourceLabels.add(JOB, job, "job", SeriesLabels.TARGET);
        resourceLabels.add(INSTANCE, serviceInstance, "instance", SeriesLabels.TARGET);
        seriesBeforeResource = out.seriesCount();
        newestMillis = Long.MIN_VALUE;
    }

    /** Starts a scope of the current resource. */
    void scope(String name, String version) {
        scopeName = config.promoteScopeMetadata() ? name : "";
        scopeVersion = config.promoteScopeMetadata() ? version : "";
    }

    /** Ends the resource: its {@code target_info} series when it has attributes of its own and series. */
    void endResource() {
        if (target.size() > 0 && out.seriesCount() > seriesBeforeResource) {
            target.add(JOB, job, "job", SeriesLabels.TARGET);
            target.add(INSTANCE, serviceInstance, "instance", SeriesLabels.TARGET);
            target.seal();
            // Derived, not sent: a target_info sample losing to a newer one is not the client's problem.
            out.beginSeries(-1);
            target.writeTo(out.labelBytes(), TARGET_INFO, null, null);
            out.sample(newestMillis, 1);
        }
    }

    /** A metric with data: its family name, whose metadata goes into the batch. */
    String family(String name, String unit, String description, Kind kind, String type) {
        String family = PrometheusNaming.metricName(name, unit, kind);
        out.metadata(new MetricMetadata(family, type, description, PrometheusNaming.unit(unit)));
        return family;
    }

    /**
     * Starts a data point: numbers it and starts its labels with the resource's (and the scope's,
     * if promoted); its attributes follow ({@link #attribute}), then {@link #endAttributes}.
     */
    int beginPoint() {
        labels.clear();
        labels.addAll(resourceLabels);
        if (!scopeName.isEmpty()) {
            labels.add(SCOPE_NAME, scopeName, "otel_scope_name", SeriesLabels.TARGET);
            labels.add(SCOPE_VERSION, scopeVersion, "otel_scope_version", SeriesLabels.TARGET);
        }
        return point++;
    }

    /** One attribute of the current point, its value in label form. */
    void attribute(String key, String value) {
        labels.add(mapper.labelName(key), value, key, SeriesLabels.ATTRIBUTE);
    }

    /**
     * One attribute of the current point whose value is a string, as UTF-8 bytes; {@code name} is
     * {@link #labelName}{@code (key)}.
     */
    void attribute(String key, EncodedText name, byte[] utf8, int offset, int length) {
        labels.add(name, utf8, offset, length, key, SeriesLabels.ATTRIBUTE);
    }

    /** The label name of an attribute key. */
    EncodedText labelName(String key) {
        return mapper.labelName(key);
    }

    /** Seals the point's labels. */
    void endAttributes() {
        labels.seal();
    }

    /**
     * A gauge or sum point (labels sealed); returns whether it was written, so its exemplars may
     * follow ({@link #exemplar}).
     */
    boolean number(int index, String family, boolean delta, long startNanos, long timeNanos, int flags,
                   double value) {
        long time = millis(timeNanos);
        boolean stale = (flags & NO_RECORDED_VALUE) != 0;
        series(index, suffixed(family).base(), null, null);
        if (delta && !stale) {
            int s = out.seriesCount() - 1;
            byte[] block = out.labelArray();
            int start = out.labelStart(s);
            int length = out.labelEnd(s) - start;
            synchronized (deltas.lock()) {
                DeltaRuns.Run found = deltas.find(block, start, length, nowMillis);
                DeltaRuns.Step step = DeltaRuns.step(found instanceof DeltaRuns.SumRun ? found : null,
                        startNanos, timeNanos);
                if (step == DeltaRuns.Step.REJECT) {
                    out.dropSeries();
                    rejectDelta(index, family, found, timeNanos);
                    return false;
                }
                DeltaRuns.SumRun run = step == DeltaRuns.Step.ADD ? (DeltaRuns.SumRun) found : new DeltaRuns.SumRun();
                if (step == DeltaRuns.Step.START) {
                    deltas.put(block, start, length, run);
                }
                run.total += value;
                run.endNanos = timeNanos;
                run.lastSeenMillis = nowMillis;
                value = run.total;
            }
        }
        out.sample(time, stale ? Sample.STALE_NAN : value);
        return true;
    }

    /** A summary point (labels sealed): its first {@code n} quantiles, then {@code _sum} and {@code _count}. */
    void summary(int index, String family, long timeNanos, int flags, double[] quantiles, double[] values, int n,
                 double sum, long count) {
        long time = millis(timeNanos);
        boolean stale = (flags & NO_RECORDED_VALUE) != 0;
        for (int i = 0; i < n; i++) {
            series(index, suffixed(family).base(), EncodedText.QUANTILE, EncodedText.of(mapper.formatFloat(quantiles[i])));
            out.sample(time, stale ? Sample.STALE_NAN : values[i]);
        }
        series(index, suffixed(family).sum(), null, null);
        out.sample(time, stale ? Sample.STALE_NAN : sum);
        series(index, suffixed(family).count(), null, null);
        out.sample(time, stale ? Sample.STALE_NAN : count);
    }

    void rejectDelta(int index, String family, DeltaRuns.Run run, long timeNanos) {
        rejections.reject(index, SampleRejections.OUT_OF_ORDER, 1, rejections.wantsMessage()
                ? "delta point of " + family + " ending at " + OtlpMetricsMapper.instant(timeNanos)
                + " does not end after the previous point of its series (" + OtlpMetricsMapper.instant(run.endNanos) + ")" : null);
    }

    /** Starts a series of the current point: its labels plus {@code __name__} and one extra label. */
    void series(int index, EncodedText metric, EncodedText extraName, EncodedText extraValue) {
        out.beginSeries(index);
        labels.writeTo(out.labelBytes(), metric, extraName, extraValue);
    }

    /** The family's key for delta runs: the point's labels under the family name. */
    ByteBuilder familyKey(String family) {
        key.clear();
        labels.writeTo(key, suffixed(family).base(), null, null);
        return key;
    }

    void exemplar(Exemplar exemplar) {
        out.beginExemplar();
        for (KeyValue attribute : exemplar.getFilteredAttributesList()) {
            String value = PrometheusNaming.labelValue(attribute.getValue());
            if (!value.isEmpty()) {
                out.exemplarLabel(mapper.labelName(attribute.getKey()).text(), value);
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

    /** A family's name and its {@code _bucket}, {@code _sum} and {@code _count} names, encoded. */
    record Suffixed(String family, EncodedText base, EncodedText bucket, EncodedText sum, EncodedText count) {
        static Suffixed of(String family) {
            return new Suffixed(family, EncodedText.of(family), EncodedText.of(family + "_bucket"),
                    EncodedText.of(family + "_sum"), EncodedText.of(family + "_count"));
        }
    }

    /**
     * The suffixed names of {@code family}, built once for a run of points of one family instead of
     * once a series (a histogram point is a dozen series).
     */
    Suffixed suffixed(String family) {
        if (!suffixed.family().equals(family)) {
            suffixed = Suffixed.of(family);
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

    OtlpMetricsConfig config() {
        return config;
    }

    /**
     * The {@code le} text of a bound: from a small per-request cache keyed by the bound's bits (the
     * points of a histogram share their bounds), else the mapper's, whose map would box the bound.
     */
    EncodedText le(double bound) {
        long bits = Double.doubleToRawLongBits(bound);
        int slot = (int) ((bits ^ (bits >>> 32)) * 0x9E3779B97F4A7C15L >>> (64 - LE_CACHE_BITS));
        EncodedText text = leTexts[slot];
        if (text == null || leBits[slot] != bits) {
            text = EncodedText.of(mapper.formatFloat(bound));
            leBits[slot] = bits;
            leTexts[slot] = text;
        }
        return text;
    }
}
