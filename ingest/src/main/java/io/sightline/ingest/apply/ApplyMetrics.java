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
 * </ul>
 * Thread-safe.
 */
public final class ApplyMetrics {
    private final Counter corrupt;
    private final Counter rejectedSamples;
    private final Counter truncatedLines;
    private final Counter truncatedBytes;

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
