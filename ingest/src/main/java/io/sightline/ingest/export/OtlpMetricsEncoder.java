package io.sightline.ingest.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.ingest.prometheus.ByteBuilder;
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
 * go out as gauges. Each point is encoded once, as protobuf bytes, copying its series' attribute
 * bytes (encoded once a batch); the request around them is written by {@link OtlpMetricsRequests}.
 * An entry is read into scratch first and only then added, so an unreadable entry leaves nothing
 * pending.
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
    public int add(byte[] entry, int length) {
        visitor.clear();
        try {
            SampleEntries.read(entry, length, visitor);
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
        for (int p = 0; p < visitor.points(); p++) {
            OtlpSeries mapped = visitor.pointSeries.get(p).mapped(this);
            if (mapped.allowed()) {
                add(mapped, p);
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
        List<ExportRequest> requests = List.of(new ExportRequest(OtlpMetricsRequests.request(resources.values()),
                pendingItems));
        resources.clear();
        series.clear();
        pendingItems = 0;
        pendingBytes = 0;
        return requests;
    }

    /** Encodes point {@code p} of the visited entry into its metric's points. */
    private void add(OtlpSeries mapped, int p) {
        String resourceKey = mapped.job() + '\n' + mapped.instance();
        ResourceBatch resource = resources.get(resourceKey);
        if (resource == null) {
            resource = new ResourceBatch(OtlpSeries.resource(mapped.job(), mapped.instance()));
            resources.put(resourceKey, resource);
            pendingBytes += RESOURCE_BYTES + mapped.job().length() + mapped.instance().length();
        }
        String key = mapped.sum() ? mapped.name() + "\nsum" : mapped.name();
        MetricBatch metric = resource.byKey.get(key);
        if (metric == null) {
            MetricMetadata family = family(mapped.name());
            metric = new MetricBatch(mapped.name(), mapped.sum(), family == null ? "" : family.help());
            resource.byKey.put(key, metric);
            pendingBytes += METRIC_BYTES + mapped.name().length() + metric.description.length();
        }
        ByteBuilder out = metric.points;
        int before = out.size();
        long bits = visitor.valueBits[p];
        boolean stale = bits == Sample.STALE_NAN_BITS;
        int exemplarStart = visitor.exemplarStarts[p];
        int exemplarLength = visitor.exemplarEnds[p] - exemplarStart;
        byte[] attributes = mapped.attributes();
        out.writeByte(1 << 3 | 2);
        out.writeVarint(attributes.length + 9 + (stale ? 2 : 9) + exemplarLength);
        out.write(attributes, 0, attributes.length);
        out.writeByte(3 << 3 | 1);
        out.writeFixed64(visitor.timestamps[p] * 1_000_000);
        if (stale) {
            out.writeByte(8 << 3);
            out.writeVarint(NO_RECORDED_VALUE);
        } else {
            out.writeByte(4 << 3 | 1);
            out.writeFixed64(bits);
        }
        out.write(visitor.exemplars.array(), exemplarStart, exemplarLength);
        pendingBytes += out.size() - before;
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

    private record ResourceBatch(List<KeyValue> attributes, Map<String, MetricBatch> byKey)
            implements OtlpMetricsRequests.Resource {
        ResourceBatch(List<KeyValue> attributes) {
            this(attributes, new LinkedHashMap<>());
        }

        @Override
        public Collection<MetricBatch> metrics() {
            return byKey.values();
        }
    }

    private record MetricBatch(String name, boolean sum, String description, ByteBuilder points)
            implements OtlpMetricsRequests.Metric {
        MetricBatch(String name, boolean sum, String description) {
            this(name, sum, description, new ByteBuilder(256));
        }
    }

    /** Reads one entry into scratch: its points (series, time, value bits, encoded exemplars) and metadata. */
    private final class Visitor implements SampleEntries.Visitor {
        final List<SeriesSlot> pointSeries = new ArrayList<>();
        final List<MetricMetadata> metadata = new ArrayList<>();
        /** The entry's exemplars as NumberDataPoint {@code exemplars = 5} fields, per point contiguous. */
        final ByteBuilder exemplars = new ByteBuilder(256);
        long[] timestamps = new long[256];
        long[] valueBits = new long[256];
        int[] exemplarStarts = new int[256];
        int[] exemplarEnds = new int[256];
        private SeriesSlot current;
        /** The current series' last point in this entry, which its exemplars join; -1 before one. */
        private int last = -1;

        void clear() {
            pointSeries.clear();
            metadata.clear();
            exemplars.clear();
            current = null;
            last = -1;
        }

        int points() {
            return pointSeries.size();
        }

        @Override
        public void series(byte[] entry, int offset, int length) {
            SeriesSlot slot = series.get(probe.wrap(entry, offset, length));
            if (slot == null) {
                slot = new SeriesSlot(LabelBlock.toLabels(entry, offset, length));
                series.put(ByteKey.copyOf(entry, offset, length), slot);
            }
            current = slot;
            last = -1;
        }

        @Override
        public void sample(long timestampMs, double value) {
            int p = pointSeries.size();
            if (p == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, p * 2);
                valueBits = Arrays.copyOf(valueBits, p * 2);
                exemplarStarts = Arrays.copyOf(exemplarStarts, p * 2);
                exemplarEnds = Arrays.copyOf(exemplarEnds, p * 2);
            }
            timestamps[p] = timestampMs;
            valueBits[p] = Double.doubleToRawLongBits(value);
            exemplarStarts[p] = exemplars.size();
            exemplarEnds[p] = exemplars.size();
            pointSeries.add(current);
            last = p;
        }

        @Override
        public void exemplar(byte[] entry, int offset, int length, double value, long timestampMs) {
            if (last < 0 || exemplarEnds[last] != exemplars.size()) {
                return; // no point of the series in this entry to carry it
            }
            byte[] exemplar = OtlpSeries.exemplar(LabelBlock.toLabels(entry, offset, length), value, timestampMs)
                    .toByteArray();
            exemplars.writeByte(5 << 3 | 2);
            exemplars.writeVarint(exemplar.length);
            exemplars.write(exemplar, 0, exemplar.length);
            exemplarEnds[last] = exemplars.size();
        }

        @Override
        public void metadata(MetricMetadata family) {
            metadata.add(family);
        }
    }
}
