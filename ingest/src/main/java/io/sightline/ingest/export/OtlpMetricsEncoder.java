package io.sightline.ingest.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.ingest.prometheus.ByteKey;
import io.sightline.ingest.prometheus.LabelBlock;
import io.sightline.ingest.prometheus.SampleEntries;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.Sample;

/**
 * Encodes metrics WAL entries (sample batches, format 2) as one OTLP
 * {@code ExportMetricsServiceRequest} a batch, shaped ({@link OtlpSeries}) so that a Sightline
 * receiving it maps it back to the same Prometheus series, timestamps and values: a resource per
 * {@code job}/{@code instance}, one scope without a name, a metric per name and kind, a data point
 * per sample in WAL order; stale markers become points flagged NO_RECORDED_VALUE; exemplars ride on
 * their series' last point of the entry. Metric kinds come from metadata, remembered across batches
 * (at most {@code metadataFamilies} families; when full, the memory starts over), since a WAL entry
 * carries metadata only when it is new or due again; until a family's metadata is seen, its series
 * go out as gauges. An entry is read into scratch first and only then added, so an unreadable
 * entry leaves nothing pending.
 *
 * <p>Not thread-safe: one exporter thread.
 */
public final class OtlpMetricsEncoder implements BatchEncoder {
    /** Default of {@code metadataFamilies}: metric families whose metadata type is remembered. */
    public static final int DEFAULT_METADATA_FAMILIES = 100_000;
    private static final int NO_RECORDED_VALUE = 1;
    /** Estimated bytes of a resource's and a metric's framing, beyond their names. */
    private static final int RESOURCE_BYTES = 64;
    private static final int METRIC_BYTES = 16;
    /** Time (tag + fixed64), value (tag + fixed64) or flags, the point's tag and length. */
    private static final int POINT_BYTES = 9 + 9 + 4;

    private final ExportFilter filter;
    private final int metadataFamilies;
    private final Map<String, MetricMetadata> families = new HashMap<>();
    private final Map<ByteKey, SeriesSlot> series = new HashMap<>();
    private final ByteKey probe = new ByteKey();
    private final Map<String, ResourceBatch> resources = new LinkedHashMap<>();
    private final Visitor visitor = new Visitor();
    private int pendingItems;
    private long pendingBytes;

    public OtlpMetricsEncoder(ExportFilter filter) {
        this(filter, DEFAULT_METADATA_FAMILIES);
    }

    /**
     * @param filter           which services' series are forwarded
     * @param metadataFamilies families whose metadata type is remembered across batches (>= 1)
     */
    public OtlpMetricsEncoder(ExportFilter filter, int metadataFamilies) {
        if (metadataFamilies < 1) {
            throw new IllegalArgumentException("metadataFamilies must be >= 1, was " + metadataFamilies);
        }
        this.filter = Objects.requireNonNull(filter, "filter");
        this.metadataFamilies = metadataFamilies;
    }

    @Override
    public int add(byte[] entry) {
        visitor.clear();
        try {
            SampleEntries.read(entry, visitor);
        } catch (RuntimeException e) {
            visitor.clear();
            throw e instanceof CorruptEntryException corrupt ? corrupt
                    : new CorruptEntryException("unreadable sample-batch entry: " + e, e);
        }
        for (MetricMetadata family : visitor.metadata) {
            MetricMetadata previous = families.get(family.metric());
            if (previous == null && families.size() >= metadataFamilies) {
                families.clear();
            }
            families.put(family.metric(), family);
            if (previous != null && !previous.type().equals(family.type())) {
                series.values().forEach(slot -> slot.mapped = null); // kinds decided under the old type
            }
        }
        int added = 0;
        for (int i = 0; i < visitor.points.size(); i++) {
            SeriesSlot slot = visitor.pointSeries.get(i);
            OtlpSeries mapped = slot.mapped(this);
            if (mapped.allowed()) {
                add(mapped, visitor.points.get(i));
                added++;
            }
        }
        pendingItems += added;
        visitor.clear();
        return added;
    }

    @Override
    public int pendingItems() {
        return pendingItems;
    }

    @Override
    public long pendingBytes() {
        return pendingBytes;
    }

    @Override
    public List<ExportRequest> drain() {
        if (resources.isEmpty()) {
            return List.of();
        }
        ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
        for (ResourceBatch resource : resources.values()) {
            ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
            for (MetricBatch metric : resource.metrics.values()) {
                scope.addMetrics(metric.build());
            }
            request.addResourceMetrics(ResourceMetrics.newBuilder()
                    .setResource(Resource.newBuilder().addAllAttributes(OtlpSeries.resource(resource.job, resource.instance)))
                    .addScopeMetrics(scope));
        }
        List<ExportRequest> requests = List.of(new ExportRequest(request.build().toByteArray(), pendingItems));
        resources.clear();
        series.clear();
        pendingItems = 0;
        pendingBytes = 0;
        return requests;
    }

    private void add(OtlpSeries mapped, NumberDataPoint.Builder point) {
        ResourceBatch resource = resources.get(mapped.job() + '\n' + mapped.instance());
        if (resource == null) {
            resource = new ResourceBatch(mapped.job(), mapped.instance());
            resources.put(mapped.job() + '\n' + mapped.instance(), resource);
            pendingBytes += RESOURCE_BYTES + mapped.job().length() + mapped.instance().length();
        }
        String key = mapped.sum() ? mapped.name() + "\nsum" : mapped.name();
        MetricBatch metric = resource.metrics.get(key);
        if (metric == null) {
            MetricMetadata family = family(mapped.name());
            metric = new MetricBatch(mapped.name(), mapped.sum(), family == null ? "" : family.help());
            resource.metrics.put(key, metric);
            pendingBytes += METRIC_BYTES + mapped.name().length() + metric.description.length();
        }
        NumberDataPoint built = point.addAllAttributes(mapped.attributes()).build();
        metric.points.add(built);
        pendingBytes += POINT_BYTES + mapped.attributeBytes()
                + (built.getExemplarsCount() == 0 ? 0 : built.getSerializedSize() - POINT_BYTES);
    }

    /** The metadata of the family of series {@code name} (OpenMetrics counters: the name without {@code _total}). */
    private MetricMetadata family(String name) {
        MetricMetadata family = families.get(name);
        if (family == null && name.endsWith("_total")) {
            family = families.get(name.substring(0, name.length() - "_total".length()));
        }
        return family;
    }

    /** A series seen in this batch: its labels (read once), and its mapping under its family's type. */
    private static final class SeriesSlot {
        final Labels labels;
        OtlpSeries mapped;

        SeriesSlot(Labels labels) {
            this.labels = labels;
        }

        OtlpSeries mapped(OtlpMetricsEncoder encoder) {
            if (mapped == null) {
                MetricMetadata family = encoder.family(labels.metricName() == null ? "" : labels.metricName());
                mapped = OtlpSeries.of(labels, family == null ? "" : family.type(), encoder.filter);
            }
            return mapped;
        }
    }

    private record ResourceBatch(String job, String instance, Map<String, MetricBatch> metrics) {
        ResourceBatch(String job, String instance) {
            this(job, instance, new LinkedHashMap<>());
        }
    }

    private record MetricBatch(String name, boolean sum, String description, List<NumberDataPoint> points) {
        MetricBatch(String name, boolean sum, String description) {
            this(name, sum, description, new ArrayList<>());
        }

        Metric build() {
            Metric.Builder metric = Metric.newBuilder().setName(name).setDescription(description);
            if (sum) {
                metric.setSum(Sum.newBuilder().setIsMonotonic(true)
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                        .addAllDataPoints(points));
            } else {
                metric.setGauge(Gauge.newBuilder().addAllDataPoints(points));
            }
            return metric.build();
        }
    }

    /** Reads one entry into scratch: its points (with their series) and metadata. */
    private final class Visitor implements SampleEntries.Visitor {
        final List<NumberDataPoint.Builder> points = new ArrayList<>();
        final List<SeriesSlot> pointSeries = new ArrayList<>();
        final List<MetricMetadata> metadata = new ArrayList<>();
        private SeriesSlot current;
        /** The current series' last point in this entry, which its exemplars join; null before one. */
        private NumberDataPoint.Builder last;

        void clear() {
            points.clear();
            pointSeries.clear();
            metadata.clear();
            current = null;
            last = null;
        }

        @Override
        public void series(byte[] entry, int offset, int length) {
            SeriesSlot slot = series.get(probe.wrap(entry, offset, length));
            if (slot == null) {
                slot = new SeriesSlot(LabelBlock.toLabels(entry, offset, length));
                series.put(ByteKey.copyOf(entry, offset, length), slot);
            }
            current = slot;
            last = null;
        }

        @Override
        public void sample(long timestampMs, double value) {
            NumberDataPoint.Builder point = NumberDataPoint.newBuilder().setTimeUnixNano(timestampMs * 1_000_000);
            if (Sample.isStaleMarker(value)) {
                point.setFlags(NO_RECORDED_VALUE);
            } else {
                point.setAsDouble(value);
            }
            points.add(point);
            pointSeries.add(current);
            last = point;
        }

        @Override
        public void exemplar(byte[] entry, int offset, int length, double value, long timestampMs) {
            Labels labels = LabelBlock.toLabels(entry, offset, length);
            if (last != null) {
                last.addExemplars(OtlpSeries.exemplar(labels, value, timestampMs));
            }
        }

        @Override
        public void metadata(MetricMetadata family) {
            metadata.add(family);
        }
    }
}
