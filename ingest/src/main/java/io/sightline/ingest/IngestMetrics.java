package io.sightline.ingest;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The receivers' counters, registered once into the appliance's registry:
 * <ul>
 *   <li>{@code sightline_ingest_items_accepted_total{signal,transport}}: spans, log records or data
 *       points written to the WAL;
 *   <li>{@code sightline_ingest_items_rejected_total{signal,transport,reason}}: items dropped by
 *       validation ({@code invalid_id}, {@code attribute_count}, {@code attribute_value_size},
 *       {@code invalid_metric}) or refused whole ({@code overloaded}, {@code wal_error});
 *   <li>{@code sightline_ingest_requests_total{signal,transport,code}}: requests by the status
 *       the transport answered, an HTTP status ("200", "400") or a gRPC code name ("OK");
 *   <li>{@code sightline_ingest_request_duration_seconds{signal,transport}}: from the first byte
 *       handled to the answer, including the wait for the WAL;
 *   <li>{@code sightline_ingest_received_bytes_total{signal,transport}}: request bodies read, after
 *       decompression (gzip, snappy), whatever the answer.
 * </ul>
 * Thread-safe.
 */
public final class IngestMetrics {
    private final Counter accepted;
    private final Counter rejected;
    private final Counter requests;
    private final Histogram duration;
    private final Counter receivedBytes;

    /** Registers the metrics; fails if {@code registry} already holds them. */
    public IngestMetrics(PrometheusRegistry registry) {
        accepted = Counter.builder()
                .name("sightline_ingest_items_accepted_total")
                .help("Spans, log records and metric data points accepted and written to the WAL")
                .labelNames("signal", "transport")
                .register(registry);
        rejected = Counter.builder()
                .name("sightline_ingest_items_rejected_total")
                .help("Spans, log records and metric data points rejected, by reason")
                .labelNames("signal", "transport", "reason")
                .register(registry);
        requests = Counter.builder()
                .name("sightline_ingest_requests_total")
                .help("Ingest requests by the HTTP status or gRPC code answered")
                .labelNames("signal", "transport", "code")
                .register(registry);
        duration = Histogram.builder()
                .name("sightline_ingest_request_duration_seconds")
                .help("Time to answer an ingest request, including the wait for the WAL")
                .labelNames("signal", "transport")
                .classicOnly()
                .register(registry);
        receivedBytes = Counter.builder()
                .name("sightline_ingest_received_bytes_total")
                .help("Bytes of ingest request bodies read, after decompression")
                .labelNames("signal", "transport")
                .register(registry);
    }

    /** Counts the decompressed bytes of one request body. */
    public void receivedBytes(Signal signal, Transport transport, long bytes) {
        if (bytes > 0) {
            receivedBytes.labelValues(signal.walName(), transport.label()).inc(bytes);
        }
    }

    public void accepted(Signal signal, Transport transport, long items) {
        if (items > 0) {
            accepted.labelValues(signal.walName(), transport.label()).inc(items);
        }
    }

    /** Items of {@code signal} accepted since start over every transport, for rates such as the UI's items/s. */
    public long acceptedItems(Signal signal) {
        double total = 0;
        for (var point : accepted.collect().getDataPoints()) {
            if (signal.walName().equals(point.getLabels().get("signal"))) {
                total += point.getValue();
            }
        }
        return (long) total;
    }

    public void rejected(Signal signal, Transport transport, String reason, long items) {
        if (items > 0) {
            rejected.labelValues(signal.walName(), transport.label(), reason).inc(items);
        }
    }

    /** Counts one answered request and observes its duration since {@code startNanos} (System.nanoTime). */
    public void request(Signal signal, Transport transport, String code, long startNanos) {
        requests.labelValues(signal.walName(), transport.label(), code).inc();
        duration.labelValues(signal.walName(), transport.label()).observe((System.nanoTime() - startNanos) / 1e9);
    }
}
