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
 *       apply time ({@code SampleRejectedException.Reason} in lower case, e.g. {@code out_of_order}).
 * </ul>
 * Thread-safe.
 */
public final class ApplyMetrics {
    private final Counter corrupt;
    private final Counter rejectedSamples;

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
    }

    void corruptEntry(Signal signal) {
        corrupt.labelValues(signal.walName()).inc();
    }

    void rejectedSample(String reason) {
        rejectedSamples.labelValues(reason).inc();
    }
}
