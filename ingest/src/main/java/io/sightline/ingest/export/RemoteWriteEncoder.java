package io.sightline.ingest.export;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
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
 * {@code WriteRequest}s, uncompressed (the transport snappy-compresses), streaming: each series of
 * an entry becomes one {@code TimeSeries} written straight into its shard's request, its labels
 * copied from the label block (external labels merged in, sorted by name; {@link RemoteWriteLabels})
 * and its samples after them. A series seen in several entries of a batch is several
 * {@code TimeSeries}, in WAL order, as Prometheus's own remote_write sends one per sample. Series are
 * spread over {@code shards} by a hash of their label block, so a series' samples stay in order
 * while a batch's shards are sent in parallel (batches go one after another). Only a batch the
 * exporter expects to fill is split ({@link #splitNextBatch}): one that a quiet WAL flushes by
 * time is one request, which costs half the HTTP exchanges and no hashing. Samples keep
 * their value bits, so stale markers go out as Prometheus's stale NaN. Metadata (when sent) rides in
 * the batch's first request, the newest record of each family; it is not filtered by service, as
 * metadata names no job.
 *
 * <p>Why no per-series state: forwarding at 100,000 samples/s of 100,000 series spent half its time
 * finding each series in a map of encoded labels (a cache miss a sample); copying the label block,
 * which was just read and is in cache, costs less. Only an exporter with service or metric filters
 * keeps a map, of each series' filter decision ({@link FilterDecisions}).
 *
 * <p>Not thread-safe: one exporter thread.
 */
public final class RemoteWriteEncoder implements BatchEncoder {
    /** Series whose filter decision is kept between batches. */
    static final int MAX_KNOWN_SERIES = 1 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int TIME_SERIES_TAG = 0x0A;  // WriteRequest.timeseries = 1, length-delimited
    private static final int SAMPLE_TAG = 0x12;       // TimeSeries.samples = 2
    private static final int EXEMPLAR_TAG = 0x1A;     // TimeSeries.exemplars = 3
    private static final int VALUE_TAG = 0x09;        // Sample.value = 1, fixed64
    private static final int TIMESTAMP_TAG = 0x10;    // Sample.timestamp = 2, varint
    private static final int EXEMPLAR_VALUE_TAG = 0x11;     // Exemplar.value = 2, fixed64
    private static final int EXEMPLAR_TIMESTAMP_TAG = 0x18; // Exemplar.timestamp = 3, varint

    private final int shards;
    /** Shards of the batch being built: {@code shards}, or 1 when the exporter is keeping up. */
    private int batchShards;
    /** Shards of the batch after the next drain. */
    private int nextShards;
    private final RemoteWriteLabels labels;
    private final FilterDecisions decisions;
    private final boolean sendMetadata;
    /** Each shard's pending {@code timeseries} fields: a WriteRequest body without metadata. */
    private final ByteBuilder[] bodies;
    private final int[] shardSamples;
    private final int[] bodyMarks;
    private final int[] samplesMarks;
    private final ByteKey probe = new ByteKey();
    private final ByteBuilder exemplarLabels = new ByteBuilder(128);
    private final Map<String, MetricMetadata> metadata = new LinkedHashMap<>();
    private final List<MetricMetadata> entryMetadata = new ArrayList<>();
    private final Visitor visitor = new Visitor();
    private int pendingSamples;
    private long metadataBytes;

    /**
     * @param shards         requests a batch is split into (>= 1), by series
     * @param externalLabels added to every series that has no label of the same name
     * @param filter         which services' and metrics' series are forwarded
     * @param sendMetadata   whether metric metadata records are forwarded
     */
    public RemoteWriteEncoder(int shards, Labels externalLabels, ExportFilter filter, boolean sendMetadata) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1, was " + shards);
        }
        this.shards = shards;
        this.batchShards = shards;
        this.nextShards = shards;
        this.labels = new RemoteWriteLabels(Objects.requireNonNull(externalLabels, "externalLabels"));
        this.decisions = Objects.requireNonNull(filter, "filter").passesEverything() ? null : new FilterDecisions(filter);
        this.sendMetadata = sendMetadata;
        this.bodies = new ByteBuilder[shards];
        for (int s = 0; s < shards; s++) {
            bodies[s] = new ByteBuilder(1 << 16);
        }
        this.shardSamples = new int[shards];
        this.bodyMarks = new int[shards];
        this.samplesMarks = new int[shards];
    }

    @Override
    public int add(byte[] entry, int length) {
        for (int s = 0; s < shards; s++) {
            bodyMarks[s] = bodies[s].size();
            samplesMarks[s] = shardSamples[s];
        }
        int before = pendingSamples;
        entryMetadata.clear();
        try {
            SampleEntries.read(entry, length, visitor);
            visitor.endSeries();
        } catch (RuntimeException e) {
            for (int s = 0; s < shards; s++) {
                bodies[s].truncate(bodyMarks[s]);
                shardSamples[s] = samplesMarks[s];
            }
            pendingSamples = before;
            visitor.reset();
            throw e instanceof CorruptEntryException corrupt ? corrupt
                    : new CorruptEntryException("unreadable sample-batch entry: " + e, e);
        }
        if (sendMetadata) {
            for (MetricMetadata family : entryMetadata) {
                MetricMetadata previous = metadata.put(family.metric(), family);
                metadataBytes += RemoteWriteRequests.metadataSize(family)
                        - (previous == null ? 0 : RemoteWriteRequests.metadataSize(previous));
            }
        }
        return pendingSamples - before;
    }

    /**
     * {@code split}: the next batch goes out in up to {@code shards} requests in parallel (the
     * exporter is behind: its last batch filled up); otherwise in one. Takes effect now if nothing
     * is pending, else at the next {@link #drain()}.
     */
    @Override
    public void splitNextBatch(boolean split) {
        nextShards = split ? shards : 1;
        if (pendingBytes() == 0) {
            batchShards = nextShards;
        }
    }

    @Override
    public int pendingItems() {
        return pendingSamples;
    }

    @Override
    public long pendingBytes() {
        long bytes = metadataBytes;
        for (ByteBuilder body : bodies) {
            bytes += body.size();
        }
        return bytes;
    }

    @Override
    public List<ExportRequest> drain() {
        List<ExportRequest> requests = RemoteWriteRequests.of(bodies, shardSamples, metadata.values(), metadataBytes);
        for (int s = 0; s < shards; s++) {
            bodies[s].clear();
            shardSamples[s] = 0;
        }
        pendingSamples = 0;
        metadata.clear();
        metadataBytes = 0;
        batchShards = nextShards;
        return requests;
    }

    /**
     * Writes one entry's series into the shards, each {@code TimeSeries} straight into its shard's
     * body behind a two-byte length that {@link #endSeries} fixes up (no second copy of a series);
     * the caller rolls the shards back if the entry is unreadable.
     */
    private final class Visitor implements SampleEntries.Visitor {
        /** Bytes reserved for a TimeSeries' length: enough for any under 16 KiB. */
        private static final int LENGTH_ROOM = 2;
        /** The current series' shard, or -1 when there is none or the filter drops it. */
        private int shard = -1;
        /** Where the current series' TimeSeries tag sits in its shard's body. */
        private int seriesTag;
        private int samples;
        private int exemplars;

        @Override
        public void series(byte[] entry, int offset, int length) {
            endSeries();
            boolean allowed = decisions == null || decisions.allows(entry, offset, length);
            if (allowed) {
                shard = batchShards == 1 ? 0 : Math.floorMod(probe.wrap(entry, offset, length).hashCode(), batchShards);
                ByteBuilder body = bodies[shard];
                seriesTag = body.size();
                body.reserve(1 + LENGTH_ROOM);
                body.truncate(seriesTag + 1 + LENGTH_ROOM);
                labels.write(entry, offset, length, true, body);
            }
        }

        @Override
        public void sample(long timestampMs, double value) {
            if (shard >= 0) {
                ByteBuilder body = bodies[shard];
                body.reserve(2 + RemoteWriteRequests.MAX_SAMPLE_SIZE);
                byte[] bytes = body.array();
                int p = body.size();
                bytes[p] = SAMPLE_TAG;
                bytes[p + 1] = (byte) RemoteWriteRequests.sampleSize(timestampMs);
                bytes[p + 2] = VALUE_TAG;
                LONGS.set(bytes, p + 3, Double.doubleToRawLongBits(value));
                bytes[p + 11] = TIMESTAMP_TAG;
                body.truncate(ByteBuilder.putVarint(bytes, p + 12, timestampMs));
                samples++;
            }
        }

        @Override
        public void exemplar(byte[] entry, int offset, int length, double value, long timestampMs) {
            if (shard >= 0) {
                exemplarLabels.clear();
                labels.write(entry, offset, length, false, exemplarLabels);
                ByteBuilder body = bodies[shard];
                body.writeByte(EXEMPLAR_TAG);
                body.writeVarint(RemoteWriteRequests.exemplarSize(exemplarLabels.size(), timestampMs));
                body.write(exemplarLabels.array(), 0, exemplarLabels.size());
                body.writeByte(EXEMPLAR_VALUE_TAG);
                body.writeFixed64(Double.doubleToRawLongBits(value));
                body.writeByte(EXEMPLAR_TIMESTAMP_TAG);
                body.writeVarint(timestampMs);
                exemplars++;
            }
        }

        @Override
        public void metadata(MetricMetadata family) {
            entryMetadata.add(family);
        }

        /**
         * Closes the current series: writes its tag and length (moving its bytes when the length
         * needs other than {@value #LENGTH_ROOM} bytes), or takes it out again when it has neither
         * a sample nor an exemplar.
         */
        void endSeries() {
            if (shard >= 0) {
                ByteBuilder body = bodies[shard];
                if (samples > 0 || exemplars > 0) {
                    int start = seriesTag + 1 + LENGTH_ROOM;
                    int size = body.size() - start;
                    int lengthBytes = RemoteWriteLabels.sizeOf(size);
                    if (lengthBytes != LENGTH_ROOM) {
                        body.reserve(Math.max(0, lengthBytes - LENGTH_ROOM));
                        System.arraycopy(body.array(), start, body.array(), seriesTag + 1 + lengthBytes, size);
                        body.truncate(seriesTag + 1 + lengthBytes + size);
                    }
                    byte[] bytes = body.array();
                    bytes[seriesTag] = TIME_SERIES_TAG;
                    ByteBuilder.putVarint(bytes, seriesTag + 1, size);
                    shardSamples[shard] += samples;
                    pendingSamples += samples;
                } else {
                    body.truncate(seriesTag);
                }
            }
            reset();
        }

        void reset() {
            shard = -1;
            samples = 0;
            exemplars = 0;
        }
    }

    /**
     * Each series' filter decision (service of its {@code job}, metric name), kept between
     * batches so a steady series costs one look-up, not a regex match, a sample. Cleared when it
     * passes {@value #MAX_KNOWN_SERIES} series (churn), which only costs deciding again.
     */
    private static final class FilterDecisions {
        private final ExportFilter filter;
        private final Map<ByteKey, Boolean> known = new HashMap<>();
        private final ByteKey probe = new ByteKey();

        FilterDecisions(ExportFilter filter) {
            this.filter = filter;
        }

        boolean allows(byte[] entry, int offset, int length) {
            Boolean known = this.known.get(probe.wrap(entry, offset, length));
            if (known != null) {
                return known;
            }
            if (this.known.size() >= MAX_KNOWN_SERIES) {
                this.known.clear();
            }
            boolean allowed = filter.allowsService(JobLabel.service(JobLabel.of(entry, offset, length)))
                    && filter.allowsMetric(LabelBlock.metricName(entry, offset, length));
            this.known.put(ByteKey.copyOf(entry, offset, length), allowed);
            return allowed;
        }
    }
}
