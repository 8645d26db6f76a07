package io.sightline.appliance;

import static io.sightline.appliance.SettingType.BOOLEAN;
import static io.sightline.appliance.SettingType.BYTES;
import static io.sightline.appliance.SettingType.DURATION;
import static io.sightline.appliance.SettingType.HOST;
import static io.sightline.appliance.SettingType.INTEGER;
import static io.sightline.appliance.SettingType.NAMES;
import static io.sightline.appliance.SettingType.OPTIONAL_PATH;
import static io.sightline.appliance.SettingType.PATH;
import static io.sightline.appliance.SettingType.PORT;
import static io.sightline.appliance.SettingType.POSITIVE_INT;
import static io.sightline.appliance.SettingType.SYNC_POLICY;

import java.util.List;

/** Every option of {@code serve}, in the order {@code --help} and the README list them. */
final class Settings {
    static final Setting CONFIG = new Setting("config", OPTIONAL_PATH, "",
            "YAML file with any of these keys (nested or dotted); flags and environment variables override it");
    static final Setting DATA_DIR = new Setting("data-dir", PATH, "./sightline-data",
            "folder for everything Sightline stores (WAL, log index, TSDB); one volume in a container");
    static final Setting BIND = new Setting("bind", HOST, "127.0.0.1",
            "address every port listens on; 0.0.0.0 for all interfaces (the container image sets it)");
    static final Setting HTTP_PORT = new Setting("http-port", PORT, "8080",
            "UI, query APIs, /metrics, /-/healthy and /-/ready");
    static final Setting OTLP_GRPC_PORT = new Setting("otlp-grpc-port", PORT, "4317", "OTLP/gRPC receiver");
    static final Setting OTLP_HTTP_PORT = new Setting("otlp-http-port", PORT, "4318",
            "OTLP/HTTP receiver (POST /v1/traces, /v1/metrics, /v1/logs)");

    static final Setting MAX_REQUEST_BYTES = new Setting("ingest.max-request-bytes", BYTES, "16MiB",
            "largest OTLP request accepted, after decompression (HTTP 413 / gRPC RESOURCE_EXHAUSTED beyond)");
    static final Setting MAX_ATTRIBUTES = new Setting("ingest.max-attributes", POSITIVE_INT, "128",
            "most attributes on one resource, scope, span, log record or data point; items beyond are rejected");
    static final Setting MAX_ATTRIBUTE_VALUE_BYTES = new Setting("ingest.max-attribute-value-bytes", BYTES, "64KiB",
            "longest attribute value; items with a longer one are rejected");
    static final Setting MAX_WAL_LAG = new Setting("ingest.max-wal-lag", POSITIVE_INT, "20000",
            "WAL entries (one per request) a store may lag before receivers answer 429 / RESOURCE_EXHAUSTED");
    static final Setting MIN_FREE_DISK = new Setting("ingest.min-free-disk", BYTES, "512MiB",
            "free space the data directory must keep; below it receivers answer 503 / UNAVAILABLE");

    static final Setting WAL_SYNC = new Setting("wal.sync", SYNC_POLICY, "periodic",
            "none: OS decides (survives a process crash); periodic: every wal.sync-interval; batch: before every acknowledgement (survives power loss)");
    static final Setting WAL_SYNC_INTERVAL = new Setting("wal.sync-interval", DURATION, "1s",
            "with wal.sync=periodic, the most a power loss can lose");
    static final Setting WAL_RETENTION_AGE = new Setting("wal.retention-age", DURATION, "24h",
            "traces WAL (until its store arrives): cycle files older than this are deleted");
    static final Setting WAL_RETENTION_BYTES = new Setting("wal.retention-bytes", BYTES, "4GiB",
            "traces WAL: oldest cycle files are deleted while the queue is larger");

    static final Setting LOGS_RETENTION_AGE = new Setting("logs.retention-age", DURATION, "7d",
            "log partitions (one per UTC day) older than this are deleted; older records are not stored");
    static final Setting LOGS_RETENTION_BYTES = new Setting("logs.retention-bytes", BYTES, "0",
            "oldest log partitions are deleted while the log index is larger; 0 = no size bound");
    static final Setting LOGS_REFRESH_INTERVAL = new Setting("logs.refresh-interval", DURATION, "1s",
            "how soon an indexed log record becomes searchable; each refresh writes a segment, so shorter costs indexing speed");
    static final Setting LOGS_COMMIT_INTERVAL = new Setting("logs.commit-interval", DURATION, "5s",
            "how often the log index commits; after a crash at most this much is re-indexed from the WAL");
    static final Setting LOGS_INDEX_THREADS = new Setting("logs.index-threads", POSITIVE_INT,
            Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() - 1)),
            "threads indexing log records besides the applier, which indexes too when they are busy (default: cores - 1)");
    static final Setting LOGS_RAM_BUFFER = new Setting("logs.ram-buffer", BYTES, "128MiB",
            "indexing buffer per partition before Lucene writes a segment");
    static final Setting LOGS_SCAN_MAX_RECORDS = new Setting("logs.scan-max-records", POSITIVE_INT, "10000000",
            "stored log records one query may read to verify its filters; past it the query fails naming this limit");
    static final Setting LOGS_SCAN_MAX_DURATION = new Setting("logs.scan-max-duration", DURATION, "2m",
            "longest one log store scan may take, whatever the query's own timeout");
    static final Setting LOGS_MAX_LINE_BYTES = new Setting("logs.max-line-bytes", BYTES, "256KiB",
            "longest log body stored (OTLP and Loki push, as Loki's max_line_size); longer ones are cut, ending in ' [truncated]'");

    static final Setting LOKI_MAX_REQUEST_BYTES = new Setting("loki.max-request-bytes", BYTES, "16MiB",
            "largest Loki push body after decompression (gzip, snappy); HTTP 413 beyond");
    static final Setting LOKI_MAX_LABELS = new Setting("loki.max-labels-per-stream", POSITIVE_INT, "15",
            "Loki push: label names of one stream, service_name not counted; streams with more are refused (400)");
    static final Setting LOKI_MAX_LABEL_NAME_BYTES = new Setting("loki.max-label-name-bytes", POSITIVE_INT, "1024",
            "Loki push: longest label name; streams with a longer one are refused (400)");
    static final Setting LOKI_MAX_LABEL_VALUE_BYTES = new Setting("loki.max-label-value-bytes", POSITIVE_INT, "2048",
            "Loki push: longest label value; streams with a longer one are refused (400)");
    static final Setting LOKI_REJECT_OLD_SAMPLES_MAX_AGE = new Setting("loki.reject-old-samples-max-age", DURATION, "7d",
            "Loki push: entries older than this are refused (400); 0s accepts any age");
    static final Setting LOKI_CREATION_GRACE_PERIOD = new Setting("loki.creation-grace-period", DURATION, "10m",
            "Loki push: entries further ahead of the receive time than this are refused (400)");
    static final Setting LOKI_DISCOVER_SERVICE_NAME = new Setting("loki.discover-service-name", NAMES,
            String.join(",", io.sightline.ingest.loki.LokiPushConfig.DEFAULT_DISCOVER_SERVICE_NAME),
            "Loki push: without a service_name label, service.name is the first of these labels present, else unknown_service; empty turns it off");

    static final Setting METRICS_RETENTION_AGE = new Setting("metrics.retention-age", DURATION, "15d",
            "TSDB blocks ending longer ago than this are deleted (Prometheus: storage.tsdb.retention.time)");
    static final Setting METRICS_RETENTION_BYTES = new Setting("metrics.retention-bytes", BYTES, "0",
            "oldest TSDB blocks are deleted while all blocks together are larger; 0 = no size bound");
    static final Setting METRICS_BLOCK_RANGE = new Setting("metrics.block-range", DURATION, "2h",
            "time range of a TSDB block cut from the in-memory head; compaction merges them into 3x larger ones");
    static final Setting METRICS_COMPACTION_INTERVAL = new Setting("metrics.compaction-interval", DURATION, "1m",
            "how often the TSDB cuts due blocks from its head, merges blocks and applies retention");
    static final Setting METRICS_MAX_SERIES = new Setting("metrics.max-series", POSITIVE_INT, "500000",
            "active series; samples of further new series are rejected (OTLP partial success / remote_write 400)");
    static final Setting METRICS_MAX_SERIES_PER_METRIC = new Setting("metrics.max-series-per-metric", POSITIVE_INT, "100000",
            "active series of one metric name; samples of further new series of it are rejected");
    static final Setting METRICS_MAX_LABELS = new Setting("metrics.max-labels-per-series", POSITIVE_INT, "64",
            "labels of one series, the metric name included; longer label sets are rejected");
    static final Setting METRICS_MAX_LABEL_NAME_BYTES = new Setting("metrics.max-label-name-bytes", POSITIVE_INT, "1024",
            "UTF-8 bytes of a label name; series with a longer one are rejected");
    static final Setting METRICS_MAX_LABEL_VALUE_BYTES = new Setting("metrics.max-label-value-bytes", POSITIVE_INT, "2048",
            "UTF-8 bytes of a label value; series with a longer one are rejected");
    static final Setting METRICS_SERIES_IDLE_TIMEOUT = new Setting("metrics.series-idle-timeout", DURATION, "1h",
            "a series that received nothing for this long stops counting against the series limits");
    static final Setting METRICS_METADATA_REFRESH = new Setting("metrics.metadata-refresh", DURATION, "10m",
            "unchanged metric metadata (type, help, unit) is written to the WAL again after this long");
    static final Setting METRICS_MAX_EXEMPLARS = new Setting("metrics.max-exemplars", POSITIVE_INT, "100000",
            "exemplars kept in memory, newest first (Prometheus: storage.exemplars.max-exemplars)");
    static final Setting METRICS_PROMOTE_RESOURCE_ATTRIBUTES = new Setting("metrics.otlp.promote-resource-attributes", NAMES, "",
            "OTLP resource attributes copied onto every series as labels, e.g. deployment.environment,k8s.namespace.name");
    static final Setting METRICS_PROMOTE_SCOPE_METADATA = new Setting("metrics.otlp.promote-scope-metadata", BOOLEAN,
            "false", "OTLP: add otel_scope_name and otel_scope_version labels to every series");
    static final Setting METRICS_EXPONENTIAL_MAX_SCALE = new Setting("metrics.otlp.exponential-histogram-max-scale",
            INTEGER, "1", "OTLP: highest scale (-4 to 8) kept when an exponential histogram becomes classic le buckets");
    static final Setting METRICS_DELTA_IDLE_TIMEOUT = new Setting("metrics.otlp.delta-idle-timeout", DURATION, "1h",
            "OTLP: running totals of delta-temporality series unused this long are dropped (the next point starts anew)");
    static final Setting METRICS_EXPONENTIAL_MAX_BUCKETS = new Setting("metrics.otlp.exponential-histogram-max-buckets",
            POSITIVE_INT, "40", "classic le buckets an OTLP exponential histogram becomes at most (by lowering its scale)");

    static final Setting QUERY_TIMEOUT = new Setting("query.timeout", DURATION, "30s",
            "longest a query may run; then it fails with a timeout error");
    static final Setting QUERY_MAX_LOG_LIMIT = new Setting("query.max-log-limit", POSITIVE_INT, "5000",
            "most log records one search page or LogQL log query may return (Loki: max_entries_limit_per_query)");
    static final Setting QUERY_LOOKBACK_DELTA = new Setting("query.lookback-delta", DURATION, "5m",
            "PromQL: how far back an instant selector looks for a sample (Prometheus: query.lookback-delta)");
    static final Setting QUERY_MAX_SAMPLES = new Setting("query.max-samples", POSITIVE_INT, "50000000",
            "PromQL: samples one query may hold in memory (Prometheus: query.max-samples)");
    static final Setting QUERY_MAX_SERIES = new Setting("query.max-series", POSITIVE_INT, "1000000",
            "PromQL: series one query may select");
    static final Setting QUERY_LOGQL_MAX_SERIES = new Setting("query.logql.max-series", POSITIVE_INT, "500",
            "LogQL: series one metric query may answer (Loki: max_query_series)");
    static final Setting QUERY_LOGQL_MAX_SAMPLES = new Setting("query.logql.max-samples", POSITIVE_INT, "10000000",
            "LogQL: samples one range aggregation may hold in memory while a query runs");
    static final Setting LOKI_MAX_TAIL_CLIENTS = new Setting("loki.max-tail-clients", POSITIVE_INT, "10",
            "open /loki/api/v1/tail WebSockets at once; more are refused (Loki: max_concurrent_tail_requests)");
    static final Setting LOKI_TAIL_QUEUE = new Setting("loki.tail-queue", POSITIVE_INT, "1000",
            "records one tail client may have waiting; more are dropped and reported as dropped_entries");
    static final Setting QUERY_PROMETHEUS_2_SEMANTICS = new Setting("query.prometheus-2-semantics", BOOLEAN, "false",
            "PromQL: true answers as Prometheus 2 (windows [t-range, t], rate clipped at a counter's zero point first); false as Prometheus 3 ((t-range, t])");

    static final List<Setting> ALL = java.util.stream.Stream.concat(java.util.stream.Stream.of(CONFIG, DATA_DIR, BIND, HTTP_PORT, OTLP_GRPC_PORT, OTLP_HTTP_PORT,
            MAX_REQUEST_BYTES, MAX_ATTRIBUTES, MAX_ATTRIBUTE_VALUE_BYTES, MAX_WAL_LAG, MIN_FREE_DISK,
            WAL_SYNC, WAL_SYNC_INTERVAL, WAL_RETENTION_AGE, WAL_RETENTION_BYTES,
            LOGS_RETENTION_AGE, LOGS_RETENTION_BYTES, LOGS_REFRESH_INTERVAL, LOGS_COMMIT_INTERVAL,
            LOGS_INDEX_THREADS, LOGS_RAM_BUFFER, LOGS_MAX_LINE_BYTES, LOGS_SCAN_MAX_RECORDS, LOGS_SCAN_MAX_DURATION,
            LOKI_MAX_REQUEST_BYTES, LOKI_MAX_LABELS, LOKI_MAX_LABEL_NAME_BYTES, LOKI_MAX_LABEL_VALUE_BYTES,
            LOKI_REJECT_OLD_SAMPLES_MAX_AGE, LOKI_CREATION_GRACE_PERIOD, LOKI_DISCOVER_SERVICE_NAME,
            LOKI_MAX_TAIL_CLIENTS, LOKI_TAIL_QUEUE,
            METRICS_RETENTION_AGE, METRICS_RETENTION_BYTES, METRICS_BLOCK_RANGE, METRICS_COMPACTION_INTERVAL,
            METRICS_MAX_SERIES,
            METRICS_MAX_SERIES_PER_METRIC, METRICS_MAX_LABELS, METRICS_MAX_LABEL_NAME_BYTES, METRICS_MAX_LABEL_VALUE_BYTES,
            METRICS_SERIES_IDLE_TIMEOUT, METRICS_METADATA_REFRESH, METRICS_MAX_EXEMPLARS,
            METRICS_PROMOTE_RESOURCE_ATTRIBUTES, METRICS_PROMOTE_SCOPE_METADATA, METRICS_EXPONENTIAL_MAX_SCALE,
            METRICS_DELTA_IDLE_TIMEOUT, METRICS_EXPONENTIAL_MAX_BUCKETS,
            QUERY_TIMEOUT, QUERY_MAX_LOG_LIMIT, QUERY_LOOKBACK_DELTA, QUERY_MAX_SAMPLES, QUERY_MAX_SERIES,
            QUERY_LOGQL_MAX_SERIES, QUERY_LOGQL_MAX_SAMPLES, QUERY_PROMETHEUS_2_SEMANTICS),
            java.util.stream.Stream.of(TraceSettings.ALL, ScrapeSettings.ALL, ExportSettings.ALL, RuleSettings.ALL, UiSettings.ALL).flatMap(List::stream)).toList();

    private Settings() {
    }

    static Setting byKey(String key) {
        for (Setting setting : ALL) {
            if (setting.key().equals(key)) {
                return setting;
            }
        }
        return null;
    }
}
