package io.sightline.ingest.apply;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.Signal;

/**
 * The appliers' counters, registered once and shared by every applier:
 * <ul>
 *   <li>{@code sightline_ingest_apply_corrupt_entries_total{signal}}: WAL entries an applier could not
 *       decode and skipped;
 *   <li>{@code sightline_ingest_apply_rejected_samples_total{reason}}: samples the TSDB refused at
 *       apply time ({@code SampleRejectedException.Reason} in lower case, e.g. {@code out_of_order});
 *   <li>{@code sightline_ingest_apply_truncated_lines_total} and
 *       {@code sightline_ingest_apply_truncated_bytes_total}: log bodies cut to {@code logs.max-line-bytes}
 *       when stored (from any receiver), and the UTF-8 bytes cut off. Counted per apply: an entry
 *       applied again after a crash counts again.
 *   <li>{@code sightline_ingest_derived_overflow_spans_total{family}}: spans counted in an
 *       {@code otel_metric_overflow="true"} series because the derived metrics of {@code family}
 *       ({@code span_metrics}, {@code service_graph}) reached their series limit;
 *   <li>{@code sightline_ingest_derived_rejected_samples_total}: derived samples the metrics WAL's
 *       admission refused at a flush.
 * </ul>
 * Thread-safe.
 */
public final class ApplyMetrics {
    private final Counter corrupt;
    private final Counter rejectedSamples;
    private final Counter truncatedLines;
    private final Counter truncatedBytes;
    private final Counter derivedOverflow;
    private final Counter derivedRejected;

    /** Registers the counters; fails if {@code registry} already holds them. */
    public ApplyMetrics(PrometheusRegistry registry) {
        corrupt = Counter.builder()
                .name("sightline_ingest_apply_corrupt_entries_total")
                .help("WAL entries an applier could not decode and skipped")
                .labelNames("signal")
                .register(registry);
        rejectedSamples = Counter.builder()
                .name("sightline_ingest_apply_rejected_samples_total")
                .help("Samples the TSDB refused when the metrics applier appended them, by reason")
                .labelNames("reason")
                .register(registry);
        truncatedLines = Counter.builder()
                .name("sightline_ingest_apply_truncated_lines_total")
                .help("Log bodies longer than logs.max-line-bytes, cut when stored")
                .register(registry);
        truncatedBytes = Counter.builder()
                .name("sightline_ingest_apply_truncated_bytes_total")
                .help("UTF-8 bytes cut off log bodies longer than logs.max-line-bytes")
                .register(registry);
        derivedOverflow = Counter.builder()
                .name("sightline_ingest_derived_overflow_spans_total")
                .help("Spans counted in an otel_metric_overflow series because derived metrics reached their series limit")
                .labelNames("family")
                .register(registry);
        derivedRejected = Counter.builder()
                .name("sightline_ingest_derived_rejected_samples_total")
                .help("Samples derived from spans that the metrics WAL's admission refused")
                .register(registry);
    }

    void derivedOverflow(String family, long spans) {
        derivedOverflow.labelValues(family).inc(spans);
    }

    void derivedRejected(long samples) {
        derivedRejected.inc(samples);
    }

    void truncatedLine(long removedBytes) {
        truncatedLines.inc();
        truncatedBytes.inc(removedBytes);
    }

    void corruptEntry(Signal signal) {
        corrupt.labelValues(signal.walName()).inc();
    }

    void rejectedSample(String reason) {
        rejectedSamples.labelValues(reason).inc();
    }
}
