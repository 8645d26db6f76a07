package io.sightline.ingest.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.ingest.prometheus.ByteBuilder;
import io.sightline.ingest.prometheus.ByteKey;
import io.sightline.ingest.prometheus.LabelBlock;
import io.sightline.ingest.prometheus.SampleEntries;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetricMetadata;

/**
 * Encodes metrics WAL entries (sample batches, format 2) as Prometheus remote_write 1.0
 * {@code WriteRequest}s, uncompressed (the transport snappy-compresses). Series are spread over
 * {@code shards} by a hash of their label block, the same shard for the same series in every
 * batch, so a series' samples stay in order while shards are sent in parallel. Within a shard the
 * samples of one series form one {@code TimeSeries}, in WAL order, series in order of first
 * appearance. Each series' labels are encoded when first seen (and kept between batches), by copying the label block's bytes
 * (external labels merged in, sorted by name); samples keep their value bits, so stale markers go
 * out as Prometheus's stale NaN. The filter's services are the {@code job} label's service part
 * ({@link JobLabel}). Metadata (when sent) rides in the batch's first request, the newest record of
 * each family; it is not filtered by service, as metadata names no job.
 *
 * <p>Not thread-safe: one exporter thread.
 */
public final class RemoteWriteEncoder implements BatchEncoder {
    /** Series whose encoded labels are kept between batches. */
    static final int MAX_KNOWN_SERIES = 1 << 20;
    private final int shards;
    private final RemoteWriteLabels labels;
    private final ExportFilter filter;
    private final boolean everything;
    private final boolean sendMetadata;

    /**
     * Every series seen recently with its labels already encoded, across batches: a steady series
     * costs one look-up a sample, not a copy, a filter check and a label encoding each batch.
     * Cleared when it passes {@value #MAX_KNOWN_SERIES} series (churn), which only costs re-encoding.
     */
    private final Map<ByteKey, KnownSeries> known = new HashMap<>();
    /** The known series of each pending series, to roll an unreadable entry back. */
    private KnownSeries[] pendingKnown = new KnownSeries[256];
    /** Stamps which batch a known series was last added to. */
    private int generation;
    private final ByteBuilder scratch = new ByteBuilder(256);
    private final ByteKey probe = new ByteKey();
    private final PendingSamples pending = new PendingSamples();
    private final Map<String, MetricMetadata> metadata = new LinkedHashMap<>();
    private final List<MetricMetadata> entryMetadata = new ArrayList<>();
    private final Visitor visitor = new Visitor();
    private long pendingBytes;

    /**
     * @param shards         requests a batch is split into (>= 1), by series
     * @param externalLabels added to every series that has no label of the same name
     * @param filter         which services' series are forwarded
     * @param sendMetadata   whether metric metadata records are forwarded
     */
    public RemoteWriteEncoder(int shards, Labels externalLabels, ExportFilter filter, boolean sendMetadata) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1, was " + shards);
        }
        this.shards = shards;
        this.labels = new RemoteWriteLabels(Objects.requireNonNull(externalLabels, "externalLabels"));
        this.filter = Objects.requireNonNull(filter, "filter");
        this.everything = filter.passesEverything();
        this.sendMetadata = sendMetadata;
    }

    @Override
    public int add(byte[] entry) {
        int seriesMark = pending.seriesCount();
        int samplesMark = pending.sampleCount();
        int exemplarsMark = pending.exemplarCount();
        int labelsMark = pending.seriesLabels.size();
        int exemplarLabelsMark = pending.exemplarLabels.size();
        long bytesMark = pendingBytes;
        entryMetadata.clear();
        try {
            SampleEntries.read(entry, visitor);
        } catch (RuntimeException e) {
            for (int s = seriesMark; s < pending.seriesCount(); s++) {
                pendingKnown[s].generation = -1;
            }
            pending.truncate(seriesMark, samplesMark, exemplarsMark, labelsMark, exemplarLabelsMark);
            pendingBytes = bytesMark;
            throw e instanceof CorruptEntryException corrupt ? corrupt
                    : new CorruptEntryException("unreadable sample-batch entry: " + e, e);
        }
        if (sendMetadata) {
            for (MetricMetadata family : entryMetadata) {
                MetricMetadata previous = metadata.put(family.metric(), family);
                pendingBytes += RemoteWriteRequests.metadataSize(family)
                        - (previous == null ? 0 : RemoteWriteRequests.metadataSize(previous));
            }
        }
        return pending.sampleCount() - samplesMark;
    }

    @Override
    public int pendingItems() {
        return pending.sampleCount();
    }

    @Override
    public long pendingBytes() {
        return pendingBytes;
    }

    @Override
    public List<ExportRequest> drain() {
        List<ExportRequest> requests = new RemoteWriteRequests(pending, shards).encode(metadata.values());
        generation++;
        pending.clear();
        metadata.clear();
        pendingBytes = 0;
        return requests;
    }

    /** Reads one entry into the pending arrays; the caller rolls back if the entry turns out unreadable. */
    private final class Visitor implements SampleEntries.Visitor {
        /** The pending series of the entry's current series, or -1 when the filter drops it. */
        private int current = -1;

        @Override
        public void series(byte[] entry, int offset, int length) {
            KnownSeries series = known.get(probe.wrap(entry, offset, length));
            if (series == null) {
                series = learn(entry, offset, length);
            }
            if (series.generation != generation) {
                int labelsStart = pending.seriesLabels.size();
                if (series.labels != null) {
                    pending.seriesLabels.write(series.labels, 0, series.labels.length);
                }
                series.pendingIndex = pending.addSeries(series.key, series.shard, labelsStart);
                series.generation = generation;
                if (series.pendingIndex == pendingKnown.length) {
                    pendingKnown = Arrays.copyOf(pendingKnown, pendingKnown.length * 2);
                }
                pendingKnown[series.pendingIndex] = series;
                // TimeSeries tag, its length (assume 2 bytes), the labels
                pendingBytes += series.labels == null ? 0 : 3 + series.labels.length;
            }
            current = series.labels == null ? -1 : series.pendingIndex;
        }

        /** A series seen for the first time (or since the cache was cleared): filtered, sharded, labels encoded. */
        private KnownSeries learn(byte[] entry, int offset, int length) {
            if (known.size() >= MAX_KNOWN_SERIES) {
                known.clear();
            }
            ByteKey key = ByteKey.copyOf(entry, offset, length);
            boolean allowed = everything || filter.allowsService(JobLabel.service(JobLabel.of(entry, offset, length)))
                    && filter.allowsMetric(LabelBlock.metricName(entry, offset, length));
            byte[] encoded = null;
            if (allowed) {
                scratch.clear();
                labels.write(entry, offset, length, true, scratch);
                encoded = scratch.toByteArray();
            }
            KnownSeries series = new KnownSeries(key, allowed ? Math.floorMod(probe.hashCode(), shards) : -1, encoded);
            known.put(key, series);
            return series;
        }

        @Override
        public void sample(long timestampMs, double value) {
            if (current >= 0 && pending.shard(current) >= 0) {
                pending.sample(current, timestampMs, Double.doubleToRawLongBits(value));
                pendingBytes += RemoteWriteRequests.SAMPLE_FRAME + RemoteWriteRequests.sampleSize(timestampMs);
            }
        }

        @Override
        public void exemplar(byte[] entry, int offset, int length, double value, long timestampMs) {
            if (current >= 0 && pending.shard(current) >= 0) {
                int start = pending.exemplarLabels.size();
                labels.write(entry, offset, length, false, pending.exemplarLabels);
                pending.exemplar(current, start, Double.doubleToRawLongBits(value), timestampMs);
                pendingBytes += RemoteWriteRequests.exemplarSize(pending.exemplarLabels.size() - start, timestampMs) + 3;
            }
        }

        @Override
        public void metadata(MetricMetadata family) {
            entryMetadata.add(family);
        }
    }

    /**
     * The batch in flat arrays: series (key, shard or -1 when filtered out, encoded labels), samples
     * and exemplars (each with its series), in WAL order. Package-private for
     * {@link RemoteWriteRequests}.
     */
    static final class PendingSamples {
        final ByteBuilder seriesLabels = new ByteBuilder(1 << 16);
        final ByteBuilder exemplarLabels = new ByteBuilder(1 << 10);
        private ByteKey[] keys = new ByteKey[256];
        private int[] shards = new int[256];
        /** Start of each series' labels in {@link #seriesLabels}; the end is the next series' start. */
        private int[] labelStarts = new int[257];
        private int series;
        private int[] sampleSeries = new int[1024];
        private long[] timestamps = new long[1024];
        private long[] valueBits = new long[1024];
        private int samples;
        private int[] exemplarSeries = new int[16];
        private int[] exemplarLabelStarts = new int[17];
        private long[] exemplarValueBits = new long[16];
        private long[] exemplarTimestamps = new long[16];
        private int exemplars;

        int addSeries(ByteKey key, int shard, int labelsStart) {
            if (series == keys.length) {
                keys = Arrays.copyOf(keys, series * 2);
                shards = Arrays.copyOf(shards, series * 2);
                labelStarts = Arrays.copyOf(labelStarts, series * 2 + 1);
            }
            keys[series] = key;
            shards[series] = shard;
            labelStarts[series] = labelsStart;
            labelStarts[series + 1] = seriesLabels.size();
            return series++;
        }

        void sample(int s, long timestamp, long bits) {
            if (samples == sampleSeries.length) {
                sampleSeries = Arrays.copyOf(sampleSeries, samples * 2);
                timestamps = Arrays.copyOf(timestamps, samples * 2);
                valueBits = Arrays.copyOf(valueBits, samples * 2);
            }
            sampleSeries[samples] = s;
            timestamps[samples] = timestamp;
            valueBits[samples] = bits;
            samples++;
        }

        void exemplar(int s, int labelsStart, long bits, long timestamp) {
            if (exemplars == exemplarSeries.length) {
                exemplarSeries = Arrays.copyOf(exemplarSeries, exemplars * 2);
                exemplarLabelStarts = Arrays.copyOf(exemplarLabelStarts, exemplars * 2 + 1);
                exemplarValueBits = Arrays.copyOf(exemplarValueBits, exemplars * 2);
                exemplarTimestamps = Arrays.copyOf(exemplarTimestamps, exemplars * 2);
            }
            exemplarSeries[exemplars] = s;
            exemplarLabelStarts[exemplars] = labelsStart;
            exemplarLabelStarts[exemplars + 1] = exemplarLabels.size();
            exemplarValueBits[exemplars] = bits;
            exemplarTimestamps[exemplars] = timestamp;
            exemplars++;
        }

        void truncate(int seriesMark, int samplesMark, int exemplarsMark, int labelsMark, int exemplarLabelsMark) {
            Arrays.fill(keys, seriesMark, series, null);
            series = seriesMark;
            samples = samplesMark;
            exemplars = exemplarsMark;
            seriesLabels.truncate(labelsMark);
            exemplarLabels.truncate(exemplarLabelsMark);
        }

        void clear() {
            truncate(0, 0, 0, 0, 0);
        }

        int seriesCount() {
            return series;
        }

        int sampleCount() {
            return samples;
        }

        int exemplarCount() {
            return exemplars;
        }

        ByteKey key(int s) {
            return keys[s];
        }

        int shard(int s) {
            return shards[s];
        }

        int labelStart(int s) {
            return labelStarts[s];
        }

        int labelEnd(int s) {
            return labelStarts[s + 1];
        }

        int sampleSeries(int i) {
            return sampleSeries[i];
        }

        long timestamp(int i) {
            return timestamps[i];
        }

        long valueBits(int i) {
            return valueBits[i];
        }

        int exemplarSeries(int e) {
            return exemplarSeries[e];
        }

        int exemplarLabelStart(int e) {
            return exemplarLabelStarts[e];
        }

        int exemplarLabelEnd(int e) {
            return exemplarLabelStarts[e + 1];
        }

        long exemplarValueBits(int e) {
            return exemplarValueBits[e];
        }

        long exemplarTimestamp(int e) {
            return exemplarTimestamps[e];
        }
    }

    /** A series as the encoder keeps it between batches; {@code labels} is null when the filter drops it. */
    private static final class KnownSeries {
        final ByteKey key;
        final int shard;
        final byte[] labels;
        int generation = -1;
        int pendingIndex;

        KnownSeries(ByteKey key, int shard, byte[] labels) {
            this.key = key;
            this.shard = shard;
            this.labels = labels;
        }
    }
}
