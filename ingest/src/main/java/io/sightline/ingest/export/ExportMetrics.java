package io.sightline.ingest.export;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The exporters' figures in {@code /metrics}, one set of families shared by every exporter, each
 * labelled {@code exporter} (its configured name) and {@code signal}:
 * <ul>
 *   <li>{@code sightline_exporter_sent_items_total}: samples, log records or spans the target accepted;
 *   <li>{@code sightline_exporter_failed_items_total}: items the target refused for good (a 400, an
 *       OTLP partial success), not sent again;
 *   <li>{@code sightline_exporter_dropped_items_total{reason}}: items never delivered because the
 *       backlog passed its bound ({@code max_age}, {@code max_bytes}) or the WAL entry was
 *       unreadable ({@code corrupt});
 *   <li>{@code sightline_exporter_retries_total}: requests sent again after a retryable answer;
 *   <li>{@code sightline_exporter_requests_total{outcome}}: requests by {@code accepted},
 *       {@code retryable}, {@code rejected};
 *   <li>{@code sightline_exporter_lag_entries} and {@code sightline_exporter_lag_seconds}: WAL
 *       entries not yet forwarded, and the age of the oldest of them.
 * </ul>
 * Thread-safe.
 */
public final class ExportMetrics {
    private final Counter sent;
    private final Counter failed;
    private final Counter dropped;
    private final Counter retries;
    private final Counter requests;

    /** Registers the families; the lag gauges read {@code states} at each scrape. */
    public ExportMetrics(PrometheusRegistry registry, java.util.function.Supplier<java.util.List<ExporterState>> states) {
        sent = counter(registry, "sightline_exporter_sent_items_total", "Items the exporter's target accepted");
        failed = counter(registry, "sightline_exporter_failed_items_total",
                "Items the exporter's target refused for good (not sent again)");
        dropped = Counter.builder().name("sightline_exporter_dropped_items_total")
                .help("Items an exporter never delivered: backlog bound passed (max_age, max_bytes) or unreadable WAL entry (corrupt)")
                .labelNames("exporter", "signal", "reason").register(registry);
        retries = counter(registry, "sightline_exporter_retries_total", "Requests an exporter sent again after a retryable answer");
        requests = Counter.builder().name("sightline_exporter_requests_total")
                .help("Requests an exporter sent, by outcome (accepted, retryable, rejected)")
                .labelNames("exporter", "signal", "outcome").register(registry);
        GaugeWithCallback.builder().name("sightline_exporter_lag_entries")
                .help("WAL entries an exporter has not forwarded yet")
                .labelNames("exporter", "signal")
                .callback(callback -> states.get().forEach(state ->
                        callback.call(state.lagEntries(), state.exporter(), state.signal())))
                .register(registry);
        GaugeWithCallback.builder().name("sightline_exporter_lag_seconds")
                .help("Age of the oldest WAL entry an exporter has not forwarded yet, seconds (0 when caught up)")
                .labelNames("exporter", "signal")
                .callback(callback -> states.get().forEach(state ->
                        callback.call(state.lagSeconds(), state.exporter(), state.signal())))
                .register(registry);
    }

    private static Counter counter(PrometheusRegistry registry, String name, String help) {
        return Counter.builder().name(name).help(help).labelNames("exporter", "signal").register(registry);
    }

    void sent(String exporter, String signal, long items) {
        sent.labelValues(exporter, signal).inc(items);
    }

    void failed(String exporter, String signal, long items) {
        failed.labelValues(exporter, signal).inc(items);
    }

    void dropped(String exporter, String signal, String reason, long items) {
        dropped.labelValues(exporter, signal, reason).inc(items);
    }

    void retry(String exporter, String signal) {
        retries.labelValues(exporter, signal).inc();
    }

    void request(String exporter, String signal, String outcome) {
        requests.labelValues(exporter, signal, outcome).inc();
    }
}
