package io.sightline.ingest.apply;

import java.io.Closeable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.Signal;
import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.ingest.otlp.OtlpLogMapper;
import io.sightline.ingest.otlp.WalEntries;
import io.sightline.storage.background.BackgroundThreads;
import io.sightline.storage.logs.LogAppender;
import io.sightline.storage.logs.LogRecord;
import io.sightline.storage.wal.WalReader;
import io.sightline.storage.wal.WriteAheadLog;

/**
 * Moves the "logs" WAL into the log store: the WAL consumer named {@value #CONSUMER}. On its own
 * platform thread it reads entries in order after the store's {@link LogAppender#durableWalIndex()},
 * maps each to {@link LogRecord}s and hands them to {@link LogAppender#append} with the entry's
 * index, so a restart resumes where the store's last commit left off. When the WAL has nothing new
 * it parks for {@value #IDLE_PARK_MILLIS} ms. A corrupt entry is logged once (later ones at FINE),
 * counted in {@code sightline_ingest_apply_corrupt_entries_total{signal="logs"}} and passed to the
 * store as an empty batch, so the store's durable index moves past it. If the store throws, the
 * same entry is retried every {@value #RETRY_PARK_MILLIS} ms: nothing is skipped.
 */
public final class LogsApplier implements Closeable {
    /** The consumer name registered on the WAL. */
    public static final String CONSUMER = "logs-store";
    private static final Logger LOG = Logger.getLogger(LogsApplier.class.getName());
    /** Idle wait: bounds how much the applier adds to a record's time-to-search (the store adds ~1 s). */
    private static final long IDLE_PARK_MILLIS = 10;
    /** Wait before retrying a batch the store refused (e.g. disk full), so the log is not flooded. */
    private static final long RETRY_PARK_MILLIS = 1_000;

    private final WriteAheadLog wal;
    private final LogAppender appender;
    private final ApplyMetrics metrics;
    private final Thread thread;
    private volatile boolean closing;
    private volatile long appliedIndex;
    private boolean corruptLogged;

    /**
     * Registers the consumer on {@code wal} and its own {@link ApplyMetrics} in {@code registry}; with
     * the metrics applier in the same registry use the other constructor and share one ApplyMetrics.
     */
    public LogsApplier(WriteAheadLog wal, LogAppender appender, PrometheusRegistry registry) {
        this(wal, appender, new ApplyMetrics(registry));
    }

    /** Registers the consumer on {@code wal}; call {@link #start()} to begin. */
    public LogsApplier(WriteAheadLog wal, LogAppender appender, ApplyMetrics metrics) {
        this.wal = wal;
        this.appender = appender;
        this.metrics = metrics;
        this.appliedIndex = appender.durableWalIndex();
        wal.registerConsumer(CONSUMER, appender::durableWalIndex);
        this.thread = Thread.ofPlatform().name("logs-applier").daemon().unstarted(this::run);
    }

    public LogsApplier start() {
        thread.start();
        return this;
    }

    /** The index of the last entry handed to the store (-1 before any); it may not be durable yet. */
    public long appliedIndex() {
        return appliedIndex;
    }

    /** Whether the applier is running (or was closed on purpose); false once its thread has died. */
    public boolean healthy() {
        return closing || thread.isAlive();
    }

    /** Stops after the entry in hand is applied and waits for the thread to end. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        // Applying is deferrable: the receivers' threads come first (see BackgroundThreads).
        BackgroundThreads.lowerCurrentThreadPriority();
        try (WalReader reader = wal.reader(appender.durableWalIndex())) {
            while (!closing) {
                if (!reader.next(this::apply)) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_PARK_MILLIS));
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "logs applier stopped at WAL index " + appliedIndex, e);
        }
    }

    private void apply(long index, byte[] entry) {
        List<LogRecord> records;
        try {
            records = OtlpLogMapper.map((ExportLogsServiceRequest) WalEntries.decode(Signal.LOGS, entry));
        } catch (CorruptEntryException e) {
            metrics.corruptEntry(Signal.LOGS);
            LOG.log(corruptLogged ? Level.FINE : Level.WARNING, "skipping corrupt logs WAL entry " + index
                    + (corruptLogged ? "" : " (further ones are logged at FINE)") + ": " + e.getMessage());
            corruptLogged = true;
            records = List.of();
        }
        while (true) {
            try {
                appender.append(index, records);
                appliedIndex = index;
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "log store refused WAL entry " + index + "; retrying", e);
                if (closing) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_PARK_MILLIS));
            }
        }
    }
}
