package io.sightline.appliance;

import static io.sightline.appliance.SettingType.BYTES;
import static io.sightline.appliance.SettingType.DURATION;
import static io.sightline.appliance.SettingType.NAMES;
import static io.sightline.appliance.SettingType.NUMBERS;
import static io.sightline.appliance.SettingType.POSITIVE_INT;

import java.util.List;
import java.util.stream.Collectors;

import io.sightline.ingest.derived.DerivedMetricsConfig;
import io.sightline.query.traces.TraceSearchConfig;
import io.sightline.storage.traces.TraceStoreConfig;

/** The options of the trace store, the metrics derived from spans and trace search. */
final class TraceSettings {
    static final Setting RETENTION_AGE = new Setting("traces.retention-age", DURATION, "7d",
            "trace partitions (one per UTC day of span starts) older than this are deleted");
    static final Setting RETENTION_BYTES = new Setting("traces.retention-bytes", BYTES, "0",
            "oldest trace partitions are deleted while the trace store is larger; 0 = no size bound");
    static final Setting REFRESH_INTERVAL = new Setting("traces.refresh-interval", DURATION, "1s",
            "how soon a stored span becomes searchable and retrievable by trace id");
    static final Setting COMMIT_INTERVAL = new Setting("traces.commit-interval", DURATION, "5s",
            "how often the trace store commits; after a crash at most this much is re-stored from the WAL");
    static final Setting INDEXED_SPAN_ATTRIBUTES = new Setting("traces.indexed-span-attributes", NAMES,
            names(TraceStoreConfig.DEFAULT_INDEXED_SPAN_ATTRIBUTES),
            "span attributes whose values are index terms; searches on other attributes check the stored spans of the candidates");
    static final Setting INDEXED_RESOURCE_ATTRIBUTES = new Setting("traces.indexed-resource-attributes", NAMES,
            names(TraceStoreConfig.DEFAULT_INDEXED_RESOURCE_ATTRIBUTES),
            "resource attributes whose values are index terms (service.name always is)");
    static final Setting SEARCH_MAX_PARTS_READ = new Setting("traces.search-max-parts-read", POSITIVE_INT,
            Long.toString(TraceStoreConfig.DEFAULT_SEARCH_MAX_PARTS_READ),
            "stored trace parts one search may decode to check its conditions; past it the search fails naming this limit");
    static final Setting SEARCH_MAX_CANDIDATES = new Setting("traces.search-max-candidates", POSITIVE_INT,
            Integer.toString(TraceSearchConfig.DEFAULT_MAX_CANDIDATE_TRACES),
            "TraceQL: candidate traces one search reads whole to evaluate the query; more are left out and the answer says so");
    static final Setting DERIVED_FLUSH_INTERVAL = new Setting("traces.derived.flush-interval", DURATION, "15s",
            "how often span metrics and service graph series are written to the TSDB");
    static final Setting SPAN_METRICS_MAX_SERIES = new Setting("traces.span-metrics.max-series", POSITIVE_INT,
            Integer.toString(DerivedMetricsConfig.DEFAULT_SPAN_METRICS_MAX_SERIES),
            "span-metrics label sets (service, span name, kind, status); spans of further ones count in one overflow series");
    static final Setting SPAN_METRICS_BUCKETS = new Setting("traces.span-metrics.buckets", NUMBERS,
            numbers(DerivedMetricsConfig.DEFAULT_SPAN_METRICS_BUCKETS),
            "traces_span_metrics_duration_seconds bucket bounds in seconds (the spanmetrics connector's defaults)");
    static final Setting SERVICE_GRAPH_MAX_ITEMS = new Setting("traces.service-graph.max-items", POSITIVE_INT,
            Integer.toString(DerivedMetricsConfig.DEFAULT_SERVICE_GRAPH_MAX_ITEMS),
            "client/server span halves waiting for their other half (Tempo: max_items); further ones are dropped and counted");
    static final Setting SERVICE_GRAPH_WAIT = new Setting("traces.service-graph.wait", DURATION, "10s",
            "how long a span half waits for its other half before it counts as unpaired (Tempo: wait)");
    static final Setting SERVICE_GRAPH_MAX_SERIES = new Setting("traces.service-graph.max-series", POSITIVE_INT,
            Integer.toString(DerivedMetricsConfig.DEFAULT_SERVICE_GRAPH_MAX_SERIES),
            "service graph edges (client, server, connection type); further ones count in one overflow series");
    static final Setting SERVICE_GRAPH_BUCKETS = new Setting("traces.service-graph.buckets", NUMBERS,
            numbers(DerivedMetricsConfig.DEFAULT_SERVICE_GRAPH_BUCKETS),
            "traces_service_graph_request_{server,client}_seconds bucket bounds in seconds (Tempo's defaults)");

    static final List<Setting> ALL = List.of(RETENTION_AGE, RETENTION_BYTES, REFRESH_INTERVAL, COMMIT_INTERVAL,
            INDEXED_SPAN_ATTRIBUTES, INDEXED_RESOURCE_ATTRIBUTES, SEARCH_MAX_PARTS_READ, SEARCH_MAX_CANDIDATES,
            DERIVED_FLUSH_INTERVAL, SPAN_METRICS_MAX_SERIES, SPAN_METRICS_BUCKETS, SERVICE_GRAPH_MAX_ITEMS,
            SERVICE_GRAPH_WAIT, SERVICE_GRAPH_MAX_SERIES, SERVICE_GRAPH_BUCKETS);

    private TraceSettings() {
    }

    private static String names(java.util.Collection<String> names) {
        return names.stream().sorted().collect(Collectors.joining(","));
    }

    private static String numbers(List<Double> numbers) {
        return numbers.stream().map(TraceSettings::plain).collect(Collectors.joining(","));
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
