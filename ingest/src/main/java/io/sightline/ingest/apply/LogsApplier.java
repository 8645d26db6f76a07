package io.sightline.ingest.apply;

import java.io.Closeable;
import java.util.List;
import java.util.logging.Logger;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.Signal;
import io.sightline.ingest.otlp.LineTruncation;
import io.sightline.ingest.otlp.OtlpLogMapper;
import io.sightline.ingest.otlp.WalEntries;
import io.sightline.storage.logs.LogAppender;
import io.sightline.storage.logs.LogRecord;
import io.sightline.storage.wal.WriteAheadLog;

/**
 * Moves the "logs" WAL into the log store: the WAL consumer named {@value #CONSUMER}. On its own
 * platform thread it reads entries in order after the store's {@link LogAppender#durableWalIndex()},
 * maps each to {@link LogRecord}s (bodies over the line limit cut) and hands them to {@link LogAppender#append} with the entry's
 * index, so a restart resumes where the store's last commit left off. The thread is a
 * {@code WalTailer}, shared with the metrics applier: it parks for 10 ms when the WAL has nothing
 * new; a corrupt entry is logged once (later ones at FINE), counted in
 * {@code sightline_ingest_apply_corrupt_entries_total{signal="logs"}} and passed to the store as an
 * empty batch, so the store's durable index moves past it; if the store throws, the same entry is
 * retried every second: nothing is skipped.
 */
public final class LogsApplier implements Closeable {
    /** The consumer name registered on the WAL. */
    public static final String CONSUMER = "logs-store";
    private static final Logger LOG = Logger.getLogger(LogsApplier.class.getName());

    private final WalTailer<List<LogRecord>> tailer;

    /**
     * Registers the consumer on {@code wal} and its own {@link ApplyMetrics} in {@code registry}; with
     * the metrics applier in the same registry use the other constructor and share one ApplyMetrics.
     */
    public LogsApplier(WriteAheadLog wal, LogAppender appender, PrometheusRegistry registry) {
        this(wal, appender, new ApplyMetrics(registry));
    }

    /** Registers the consumer on {@code wal}, bodies cut at {@link LineTruncation#DEFAULT_MAX_BYTES}. */
    public LogsApplier(WriteAheadLog wal, LogAppender appender, ApplyMetrics metrics) {
        this(wal, appender, metrics, LineTruncation.DEFAULT_MAX_BYTES);
    }

    /**
     * Registers the consumer on {@code wal}; call {@link #start()} to begin.
     *
     * @param maxLineBytes longest log body stored, UTF-8 bytes ({@code logs.max-line-bytes}); longer
     *                     ones are cut with a marker ({@link LineTruncation}) and counted in {@code metrics}
     */
    public LogsApplier(WriteAheadLog wal, LogAppender appender, ApplyMetrics metrics, int maxLineBytes) {
        LineTruncation truncation = new LineTruncation(maxLineBytes, metrics::truncatedLine);
        this.tailer = new WalTailer<>(Signal.LOGS, wal, appender::durableWalIndex,
                entry -> OtlpLogMapper.map((ExportLogsServiceRequest) WalEntries.decode(Signal.LOGS, entry), truncation),
                List.of(), appender::append, "log store", metrics, LOG);
        wal.registerConsumer(CONSUMER, appender::durableWalIndex);
    }

    public LogsApplier start() {
        tailer.start();
        return this;
    }

    /** The index of the last entry handed to the store (-1 before any); it may not be durable yet. */
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
}
