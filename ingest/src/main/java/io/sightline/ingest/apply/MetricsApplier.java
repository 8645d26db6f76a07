package io.sightline.ingest.apply;

import java.io.Closeable;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.sightline.ingest.Signal;
import io.sightline.ingest.otlp.OtlpMetricsConfig;
import io.sightline.ingest.otlp.OtlpMetricsMapper;
import io.sightline.ingest.otlp.WalEntries;
import io.sightline.ingest.prometheus.LabelBlock;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleEntries;
import io.sightline.ingest.prometheus.SampleEntryWriter;
import io.sightline.ingest.prometheus.SampleRejections;
import io.sightline.storage.tsdb.Exemplar;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.SampleRejectedException;
import io.sightline.storage.tsdb.SeriesAppender;
import io.sightline.storage.wal.WriteAheadLog;

/**
 * Moves the "metrics" WAL into the TSDB: the WAL consumer named {@value #CONSUMER}. On its own
 * platform thread it reads entries after the TSDB's {@link SeriesAppender#durableWalIndex()},
 * hands every sample, exemplar and metadata record to the appender and then calls
 * {@link SeriesAppender#commit(long)} with the entry's index. Sample batches
 * ({@link WalEntries#SAMPLE_BATCH}) are applied as they are; OTLP requests
 * ({@link WalEntries#OTLP_PROTOBUF}, written before sample batches existed) are mapped here first,
 * without admission. A sample the TSDB refuses ({@link SampleRejectedException}) is counted in
 * {@code sightline_ingest_apply_rejected_samples_total{reason}} and logged at most once a minute;
 * it never stops the applier. The thread is a {@code WalTailer}, shared with the logs applier: a
 * corrupt entry is counted, logged and skipped (committed with no samples); if the appender fails
 * otherwise, the entry is retried every second (its samples again: the TSDB ignores exact
 * duplicates). Series are resolved to TSDB references once and cached by their label bytes.
 */
public final class MetricsApplier implements Closeable {
    /** The consumer name registered on the WAL. */
    public static final String CONSUMER = "metrics-store";
    private static final Logger LOG = Logger.getLogger(MetricsApplier.class.getName());
    /** At most one log line about refused samples per minute, with the count since the last. */
    private static final long REJECTION_LOG_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** What a corrupt entry is applied as: compared by identity, it commits the index with no samples. */
    private static final byte[] SKIPPED = new byte[0];

    private final SeriesAppender appender;
    private final ApplyMetrics metrics;
    private final OtlpMetricsMapper legacyMapper;
    private final SeriesRefs seriesRefs;
    private final WalTailer<byte[]> tailer;
    private long rejectionLoggedNanos = System.nanoTime() - REJECTION_LOG_NANOS;
    private long rejectedSinceLog;

    /**
     * Registers the consumer on {@code wal}; call {@link #start()} to begin.
     *
     * @param otlp how OTLP entries of the old format are mapped (use the receivers' configuration)
     */
    public MetricsApplier(WriteAheadLog wal, SeriesAppender appender, OtlpMetricsConfig otlp, ApplyMetrics metrics) {
        this.appender = appender;
        this.seriesRefs = new SeriesRefs(appender);
        this.metrics = metrics;
        this.legacyMapper = new OtlpMetricsMapper(otlp, InstantSource.system());
        this.tailer = new WalTailer<>(Signal.METRICS, wal, appender::durableWalIndex, this::sampleBatch, SKIPPED,
                this::apply, "TSDB", metrics, LOG);
        // The TSDB persists hours later than it applies: retention follows durability, lag follows applying.
        wal.registerConsumer(CONSUMER, appender::durableWalIndex, this::appliedIndex);
    }

    public MetricsApplier start() {
        tailer.start();
        return this;
    }

    /** The index of the last entry handed to the TSDB (-1 before any); it may not be durable yet. */
    public long appliedIndex() {
        return tailer.appliedIndex();
    }

    /** Whether the applier is running (or was closed on purpose); false once its thread has died. */
    public boolean healthy() {
        return tailer.healthy();
    }

    /** Stops after the entry in hand is applied and waits for the thread to end. */
    @Override
    public void close() {
        tailer.close();
    }

    /** Hands one checked entry to the TSDB and commits its index; {@link #SKIPPED} commits the index alone. */
    private void apply(long index, byte[] batch) {
        if (batch != SKIPPED) {
            SampleEntries.read(batch, new Appending());
        }
        appender.commit(index);
    }

    /** The entry as a checked sample batch; OTLP entries are mapped first. */
    private byte[] sampleBatch(byte[] entry) {
        if (entry.length > 0 && entry[0] == WalEntries.OTLP_PROTOBUF) {
            ExportMetricsServiceRequest request = (ExportMetricsServiceRequest) WalEntries.decode(Signal.METRICS, entry);
            SampleBatch mapped = new SampleBatch();
            legacyMapper.map(request, mapped, new SampleRejections());
            return new SampleEntryWriter().encode(mapped);
        }
        // Decode once without applying, so a corrupt entry is skipped whole rather than half applied.
        SampleEntries.read(entry, Validating.INSTANCE);
        return entry;
    }

    private void rejected(SampleRejectedException e) {
        metrics.rejectedSample(e.reason().name().toLowerCase(Locale.ROOT));
        rejectedSinceLog++;
        long now = System.nanoTime();
        if (now - rejectionLoggedNanos >= REJECTION_LOG_NANOS) {
            LOG.warning("TSDB refused " + rejectedSinceLog + " sample(s) since the last report; latest: "
                    + e.getMessage());
            rejectionLoggedNanos = now;
            rejectedSinceLog = 0;
        }
    }

    /** Hands one entry's contents to the appender, by series reference where it has them. */
    private final class Appending implements SampleEntries.Visitor {
        private byte[] entry;
        private int labelsOffset;
        private int labelsLength;
        private long ref;
        private Labels labels;
        private SampleRejectedException refused;

        @Override
        public void series(byte[] entry, int labelsOffset, int labelsLength) {
            this.entry = entry;
            this.labelsOffset = labelsOffset;
            this.labelsLength = labelsLength;
            this.labels = null;
            this.refused = null;
            try {
                ref = seriesRefs.resolve(entry, labelsOffset, labelsLength);
            } catch (SampleRejectedException e) {
                refused = e;
            }
        }

        @Override
        public void sample(long timestampMs, double value) {
            if (refused != null) {
                rejected(refused);
                return;
            }
            try {
                if (ref == SeriesAppender.NO_REF) {
                    appender.append(labels(), timestampMs, value);
                } else if (!appender.append(ref, timestampMs, value)) {
                    ref = seriesRefs.refresh(entry, labelsOffset, labelsLength);
                    if (ref == SeriesAppender.NO_REF || !appender.append(ref, timestampMs, value)) {
                        appender.append(labels(), timestampMs, value);
                    }
                }
            } catch (SampleRejectedException e) {
                rejected(e);
            }
        }

        private Labels labels() {
            if (labels == null) {
                labels = LabelBlock.toLabels(entry, labelsOffset, labelsLength);
            }
            return labels;
        }

        @Override
        public void exemplar(byte[] entry, int labelsOffset, int labelsLength, double value, long timestampMs) {
            appender.appendExemplar(labels(), new Exemplar(LabelBlock.toLabels(entry, labelsOffset, labelsLength), value,
                    timestampMs));
        }

        @Override
        public void metadata(MetricMetadata metadata) {
            appender.updateMetadata(metadata);
        }
    }

    /** Reads an entry and drops everything: the checks alone. */
    private enum Validating implements SampleEntries.Visitor {
        INSTANCE;

        @Override
        public void series(byte[] entry, int labelsOffset, int labelsLength) {
        }

        @Override
        public void sample(long timestampMs, double value) {
        }

        @Override
        public void exemplar(byte[] entry, int labelsOffset, int labelsLength, double value, long timestampMs) {
        }

        @Override
        public void metadata(MetricMetadata metadata) {
        }
    }
}
