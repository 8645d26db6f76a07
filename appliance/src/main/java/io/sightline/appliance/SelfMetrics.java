package io.sightline.appliance;

import java.util.Map;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.Signal;
import io.sightline.storage.logs.LuceneLogStore;
import io.sightline.storage.traces.LuceneTraceStore;
import io.sightline.storage.tsdb.Tsdb;
import io.sightline.storage.wal.WriteAheadLog;

/**
 * The appliance's own metrics beyond the receivers' counters: WAL sizes and consumer lags, store
 * sizes, free disk, HTTP request latencies, build info and the JVM's. Gauges read their figures at
 * scrape time.
 */
final class SelfMetrics {
    private final Histogram httpDuration;
    private final PrometheusRegistry registry;

    SelfMetrics(PrometheusRegistry registry, Map<Signal, WriteAheadLog> wals, LuceneLogStore logs, Tsdb tsdb,
                LuceneTraceStore traces, DataDirectory data) {
        this.registry = registry;
        Info.builder().name("sightline_build_info").help("Sightline version")
                .labelNames("version").register(registry).addLabelValues(Version.current());
        GaugeWithCallback.builder().name("sightline_wal_size_bytes").help("Bytes of each WAL's files on disk")
                .labelNames("signal")
                .callback(callback -> wals.forEach((signal, wal) -> callback.call(wal.sizeBytes(), signal.walName())))
                .register(registry);
        GaugeWithCallback.builder().name("sightline_wal_appended_entries").help("WAL entries appended since start")
                .labelNames("signal")
                .callback(callback -> wals.forEach((signal, wal) -> callback.call(wal.appendedEntries(), signal.walName())))
                .register(registry);
        GaugeWithCallback.builder().name("sightline_wal_consumer_lag_entries")
                .help("WAL entries each consumer has yet to apply")
                .labelNames("signal", "consumer")
                .callback(callback -> wals.forEach((signal, wal) -> wal.consumerLags().forEach(
                        (consumer, lag) -> callback.call(lag, signal.walName(), consumer))))
                .register(registry);
        GaugeWithCallback.builder().name("sightline_store_size_bytes").help("Bytes of each store on disk")
                .labelNames("store")
                .callback(callback -> {
                    callback.call(logs.sizeBytes(), "logs");
                    callback.call(traces.sizeBytes(), "traces");
                    callback.call(tsdb.blocks().stream().mapToLong(Tsdb.BlockInfo::sizeBytes).sum(), "metrics");
                })
                .register(registry);
        GaugeWithCallback.builder().name("sightline_tsdb_head_series").help("Series in the TSDB's in-memory head")
                .callback(callback -> callback.call(tsdb.headSeries()))
                .register(registry);
        GaugeWithCallback.builder().name("sightline_tsdb_blocks").help("Persisted TSDB blocks")
                .callback(callback -> callback.call(tsdb.blocks().size()))
                .register(registry);
        GaugeWithCallback.builder().name("sightline_tsdb_samples_dropped_out_of_bounds")
                .help("Samples replayed from the WAL since start that a persisted block already held")
                .callback(callback -> callback.call(tsdb.samplesDroppedOutOfBounds()))
                .register(registry);
        GaugeWithCallback.builder().name("sightline_log_store_records").help("Log records in the log index")
                .callback(callback -> callback.call(logs.recordCount()))
                .register(registry);
        GaugeWithCallback.builder().name("sightline_log_store_partitions").help("Day partitions of the log index")
                .callback(callback -> callback.call(logs.partitionCount()))
                .register(registry);
        GaugeWithCallback.builder().name("sightline_log_store_dropped_too_old")
                .help("Log records not stored since start because they were older than logs.retention-age")
                .callback(callback -> callback.call(logs.droppedTooOld()))
                .register(registry);
        GaugeWithCallback.builder().name("sightline_data_dir_free_bytes").help("Free bytes on the data directory's disk")
                .callback(callback -> callback.call(data.freeBytes()))
                .register(registry);
        httpDuration = Histogram.builder().name("sightline_http_request_duration_seconds")
                .help("Latency of HTTP requests on the UI and query port, by handler")
                .labelNames("handler", "code")
                .register(registry);
    }

    /** The JVM's own metrics (memory, GC, threads, ...); their MXBeans take a while to load. */
    void registerJvmMetrics() {
        JvmMetrics.builder().register(registry);
    }

    void observeHttp(String handler, int code, long nanos) {
        httpDuration.labelValues(handler, Integer.toString(code)).observe(nanos / 1e9);
    }
}
