package io.sightline.ingest.derived;

import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.sightline.ingest.prometheus.SampleRejections;
import io.sightline.ingest.prometheus.SampleWriter;
import io.sightline.storage.traces.SpanRecord;

/**
 * Metrics derived from spans as they are applied: span metrics ({@code traces_span_metrics_*}, as the
 * OpenTelemetry Collector's spanmetrics connector) and the service graph
 * ({@code traces_service_graph_*}, as Tempo's metrics-generator). The series are cumulative
 * counters and histograms held in memory; every flush interval they are written, all of them, as
 * one sample batch through the appliance's {@link SampleWriter} to the metrics WAL, so the TSDB gets
 * them with that WAL's durability and replay. Sample timestamps are the injected clock's.
 *
 * <p>After a restart every counter starts again from zero, which {@code rate()} and
 * {@code increase()} read as a counter reset. Spans of trace WAL entries applied again after a crash
 * (those after the trace store's last durable index) are counted again.
 *
 * <p>Not thread-safe: {@link #observe}, {@link #tick} and {@link #flush} are called from the traces
 * applier's thread only (or after it stopped).
 */
public final class DerivedMetrics {
    private static final Logger LOG = Logger.getLogger(DerivedMetrics.class.getName());
    /** At most one warning a minute about samples the metrics WAL or admission refused. */
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** What the owner counts; every method is called on the applier's thread. */
    public interface Listener {
        /** {@code spans} more spans went into an overflow series of {@code family} ("span_metrics", "service_graph"). */
        default void overflow(String family, long spans) {
        }

        /** Admission refused {@code samples} derived samples at a flush; {@code message} names the first. */
        default void rejected(long samples, String message) {
        }
    }

    private final SampleWriter writer;
    private final InstantSource clock;
    private final Listener listener;
    private final long flushIntervalMillis;
    private final SpanMetrics spanMetrics;
    private final ServiceGraph serviceGraph;
    private final SampleOut out = new SampleOut();
    private final SampleRejections rejections = new SampleRejections();
    private long nextFlushMillis;
    private long reportedSpanOverflow;
    private long reportedGraphOverflow;
    private volatile long warnedNanos = System.nanoTime() - WARN_EVERY_NANOS;

    /**
     * @param writer the appliance's one writer to the metrics WAL (shared with the receivers)
     * @param clock  sample timestamps, flush times and the service graph's waits
     */
    public DerivedMetrics(DerivedMetricsConfig config, SampleWriter writer, InstantSource clock, Listener listener) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.flushIntervalMillis = config.flushInterval().toMillis();
        this.spanMetrics = new SpanMetrics(config.spanMetricsMaxSeries(), bounds(config.spanMetricsBuckets()));
        this.serviceGraph = new ServiceGraph(config.serviceGraphMaxItems(), config.serviceGraphWait().toMillis(),
                config.serviceGraphMaxSeries(), bounds(config.serviceGraphBuckets()));
        this.nextFlushMillis = clock.millis() + flushIntervalMillis;
    }

    private static double[] bounds(List<Double> bounds) {
        return bounds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Counts {@code spans} (one applied WAL entry), then expires and flushes what is due. */
    public void observe(List<SpanRecord> spans) {
        long now = clock.millis();
        for (SpanRecord span : spans) {
            spanMetrics.observe(span);
            serviceGraph.observe(span, now);
        }
        tick(now);
    }

    /** Expires waiting span halves and flushes if the interval is over; the applier calls it when idle too. */
    public void tick() {
        tick(clock.millis());
    }

    private void tick(long now) {
        serviceGraph.expire(now);
        if (now >= nextFlushMillis) {
            flush(now);
        }
    }

    /** Writes every series now (the applier does so when closing, so the last interval is not lost). */
    public void flush() {
        long now = clock.millis();
        serviceGraph.expire(now);
        flush(now);
    }

    private void flush(long now) {
        nextFlushMillis = now + flushIntervalMillis;
        report();
        out.start(now);
        spanMetrics.writeTo(out);
        serviceGraph.writeTo(out);
        if (out.batch().seriesCount() == 0) {
            return;
        }
        rejections.clear();
        try {
            SampleWriter.Written written = writer.write(out.batch(), rejections);
            written.walIndex().whenComplete((index, failure) -> {
                if (failure != null) {
                    warn("derived metrics not written to the metrics WAL (the next flush writes them again)", failure);
                }
            });
        } catch (RuntimeException e) {
            // The next flush writes the cumulative values again; failing the trace entry would count it twice.
            warn("derived metrics not written to the metrics WAL (the next flush writes them again)", e);
        }
        if (rejections.samples() > 0) {
            listener.rejected(rejections.samples(), rejections.message());
            warn("metrics WAL admission refused " + rejections.samples() + " derived sample(s): "
                    + rejections.message(), null);
        }
    }

    private void report() {
        long spans = spanMetrics.overflowSpans();
        if (spans > reportedSpanOverflow) {
            listener.overflow("span_metrics", spans - reportedSpanOverflow);
            if (reportedSpanOverflow == 0) {
                LOG.warning("span metrics reached traces.span-metrics.max-series (" + spanMetrics.seriesCount()
                        + " label sets): further ones are counted in otel_metric_overflow=\"true\"");
            }
            reportedSpanOverflow = spans;
        }
        long edges = serviceGraph.overflowSpans();
        if (edges > reportedGraphOverflow) {
            listener.overflow("service_graph", edges - reportedGraphOverflow);
            if (reportedGraphOverflow == 0) {
                LOG.warning("service graph reached traces.service-graph.max-series (" + serviceGraph.seriesCount()
                        + " label sets): further ones are counted in otel_metric_overflow=\"true\"");
            }
            reportedGraphOverflow = edges;
        }
    }

    /** Logs at most once a minute; called from the applier's thread and the WAL's completion thread. */
    private void warn(String message, Throwable failure) {
        long now = System.nanoTime();
        if (now - warnedNanos >= WARN_EVERY_NANOS) {
            warnedNanos = now;
            LOG.log(Level.WARNING, message, failure);
        }
    }

    /** Span-metrics label sets kept. */
    public int spanMetricsSeries() {
        return spanMetrics.seriesCount();
    }

    /** Service-graph label sets kept. */
    public int serviceGraphSeries() {
        return serviceGraph.seriesCount();
    }

    /** Span halves waiting for their other half. */
    public int pendingEdges() {
        return serviceGraph.pendingEdges();
    }
}
