package io.sightline.ingest.apply;

import java.io.Closeable;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sightline.ingest.Signal;
import io.sightline.ingest.derived.DerivedMetrics;
import io.sightline.ingest.derived.DerivedMetricsConfig;
import io.sightline.ingest.otlp.OtlpSpanMapper;
import io.sightline.ingest.otlp.WalEntries;
import io.sightline.ingest.prometheus.SampleWriter;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceAppender;
import io.sightline.storage.wal.WriteAheadLog;

/**
 * Moves the "traces" WAL into the trace store: the WAL consumer named {@value #CONSUMER}. On its
 * own platform thread (a {@code WalTailer}, as the logs and metrics appliers) it reads entries after
 * the store's {@link TraceAppender#durableWalIndex()}, maps each to {@link SpanRecord}s
 * ({@link OtlpSpanMapper}) and hands them to {@link TraceAppender#append} with the entry's index.
 * A corrupt entry is counted, logged and applied as no spans; if the store throws, the entry is
 * retried every second.
 *
 * <p>Once the store has taken an entry, its spans feed the {@link DerivedMetrics} (span metrics and
 * the service graph), which write their cumulative series through the shared {@link SampleWriter}
 * to the metrics WAL every flush interval; the tailer's idle turns keep flushing and expiring when
 * no spans arrive. A failure there is logged and never retries the trace entry (that would count
 * its spans twice). On {@link #close()} the derived series are written once more.
 */
public final class TracesApplier implements Closeable {
    /** The consumer name registered on the WAL. */
    public static final String CONSUMER = "traces-store";
    private static final Logger LOG = Logger.getLogger(TracesApplier.class.getName());
    private static final long FAILURE_LOG_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final TraceAppender appender;
    private final DerivedMetrics derived;
    private final WalTailer<List<SpanRecord>> tailer;
    private long failureLoggedNanos = System.nanoTime() - FAILURE_LOG_NANOS;

    /**
     * Registers the consumer on {@code wal}; call {@link #start()} to begin.
     *
     * @param wal     the "traces" WAL
     * @param samples the appliance's one {@link SampleWriter} on the metrics WAL (shared with the receivers)
     * @param clock   derived sample timestamps, flush times and service-graph waits
     */
    public TracesApplier(WriteAheadLog wal, TraceAppender appender, SampleWriter samples, DerivedMetricsConfig config,
            ApplyMetrics metrics, InstantSource clock) {
        this.appender = appender;
        this.derived = new DerivedMetrics(config, samples, clock, new DerivedMetrics.Listener() {
            @Override
            public void overflow(String family, long spans) {
                metrics.derivedOverflow(family, spans);
            }

            @Override
            public void rejected(long samples, String message) {
                metrics.derivedRejected(samples);
            }
        });
        this.tailer = new WalTailer<>(Signal.TRACES, wal, appender::durableWalIndex,
                entry -> OtlpSpanMapper.map((ExportTraceServiceRequest) WalEntries.decode(Signal.TRACES, entry)),
                List.of(), this::apply, "trace store", metrics, LOG, this::idle);
        wal.registerConsumer(CONSUMER, appender::durableWalIndex);
    }

    public TracesApplier start() {
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

    /**
     * Stops after the entry in hand is applied, waits for the thread to end, then writes the derived
     * series once more; close it before the metrics WAL.
     */
    @Override
    public void close() {
        tailer.close();
        derive(derived::flush);
    }

    private void apply(long index, List<SpanRecord> spans) {
        appender.append(index, spans);
        derive(() -> derived.observe(spans));
    }

    private void idle() {
        derive(derived::tick);
    }

    /** Runs derived-metrics work; a failure is logged (at most once a minute), never thrown at the tailer. */
    private void derive(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (now - failureLoggedNanos >= FAILURE_LOG_NANOS) {
                failureLoggedNanos = now;
                LOG.log(Level.SEVERE, "deriving metrics from spans failed; the spans are stored", e);
            }
        }
    }
}
