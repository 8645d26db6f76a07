package io.sightline.query.api.prometheus;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sightline.query.promql.EngineConfig;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Series;
import io.sightline.storage.tsdb.SeriesQuerier;
import io.sightline.storage.tsdb.Tsdb;
import io.sightline.storage.tsdb.TsdbConfig;

/**
 * The status endpoints and the ones Sightline has nothing for yet, answered truthfully in
 * Prometheus's shapes: build and runtime information, flags (the settings that have a Prometheus
 * flag), an empty configuration, no targets, no rules, no alerts, and TSDB statistics as far as the
 * TSDB reports them. Thread-safe.
 */
final class StatusEndpoints {
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Tsdb tsdb;
    private final EngineConfig engineConfig;
    private final BuildInfo buildInfo;
    private final Instant startTime;

    StatusEndpoints(Tsdb tsdb, EngineConfig engineConfig, BuildInfo buildInfo, InstantSource clock) {
        this.tsdb = tsdb;
        this.engineConfig = engineConfig;
        this.buildInfo = buildInfo;
        this.startTime = clock.instant();
    }

    Answer buildInfo(RequestParameters p) {
        return Answer.of(json -> {
            json.beginObject();
            json.name("version").value(buildInfo.version());
            json.name("revision").value(buildInfo.revision());
            json.name("branch").value(buildInfo.branch());
            json.name("buildUser").value(buildInfo.buildUser());
            json.name("buildDate").value(buildInfo.buildDate());
            json.name("goVersion").value(buildInfo.goVersion());
            json.endObject();
        });
    }

    /** Go's runtime fields answered with the JVM's nearest equivalents (threads, processors, max heap). */
    Answer runtimeInfo(RequestParameters p) {
        String started = GO_TIME.format(startTime);
        return Answer.of(json -> {
            json.beginObject();
            json.name("startTime").value(started);
            json.name("CWD").value(System.getProperty("user.dir"));
            json.name("reloadConfigSuccess").value(true);
            json.name("lastConfigTime").value(started);
            json.name("corruptionCount").value(0);
            json.name("goroutineCount").value(Thread.activeCount());
            json.name("GOMAXPROCS").value(Runtime.getRuntime().availableProcessors());
            json.name("GOMEMLIMIT").value(Runtime.getRuntime().maxMemory());
            json.name("GOGC").value("");
            json.name("GODEBUG").value("");
            json.name("storageRetention").value(retention(tsdb.config()));
            json.endObject();
        });
    }

    /** The settings Prometheus exposes as flags, with Sightline's values. */
    Answer flags(RequestParameters p) {
        TsdbConfig storage = tsdb.config();
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("query.lookback-delta", PromParameters.formatDuration(engineConfig.lookbackDelta().toMillis()));
        flags.put("query.max-samples", Long.toString(engineConfig.maxSamples()));
        flags.put("query.timeout", PromParameters.formatDuration(engineConfig.timeout().toMillis()));
        flags.put("storage.tsdb.path", storage.directory().toString());
        flags.put("storage.tsdb.retention.size", storage.retentionBytes() + "B");
        flags.put("storage.tsdb.retention.time", PromParameters.formatDuration(storage.retentionAge().toMillis()));
        return Answer.of(json -> {
            json.beginObject();
            for (Map.Entry<String, String> flag : flags.entrySet()) {
                json.name(flag.getKey()).value(flag.getValue());
            }
            json.endObject();
        });
    }

    /** Sightline has no Prometheus configuration file: the YAML is empty. */
    Answer config(RequestParameters p) {
        return Answer.of(json -> json.beginObject().name("yaml").value("").endObject());
    }

    /** Sightline receives metrics (remote write, OTLP) and scrapes nothing yet. */
    Answer targets(RequestParameters p) {
        return Answer.of(json -> json.beginObject()
                .name("activeTargets").beginArray().endArray()
                .name("droppedTargets").beginArray().endArray()
                .name("droppedTargetCounts").beginObject().endObject()
                .endObject());
    }

    /**
     * Prometheus's cardinality statistics: head series from the TSDB; the lists (top {@code limit},
     * largest first) counted in one pass over every stored series' labels (the TSDB keeps no
     * head-only index statistics): series per metric name, distinct values per label name, bytes of
     * those values per label name, series per label pair.
     */
    Answer tsdbStatus(RequestParameters p) {
        int limit = 10;
        String requested = p.first("limit");
        if (!requested.isEmpty()) {
            try {
                limit = Integer.parseInt(requested);
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1) {
                throw ApiError.badData("limit must be a positive number");
            }
        }
        Map<String, Integer> seriesByMetric = new HashMap<>();
        Map<String, Integer> seriesByPair = new HashMap<>();
        Map<String, Set<String>> valuesByName = new HashMap<>();
        try (SeriesQuerier querier = tsdb.querier(PromParameters.MIN_TIME_MS, PromParameters.MAX_TIME_MS)) {
            for (Series series : querier.select(List.of(LabelMatcher.of(LabelMatcher.Type.REGEX, Labels.METRIC_NAME, ".+")))) {
                series.labels().forEach((name, value) -> {
                    if (name.equals(Labels.METRIC_NAME)) {
                        seriesByMetric.merge(value, 1, Integer::sum);
                    }
                    seriesByPair.merge(name + "=" + value, 1, Integer::sum);
                    valuesByName.computeIfAbsent(name, n -> new HashSet<>()).add(value);
                });
            }
        }
        Map<String, Integer> valueCounts = new HashMap<>();
        Map<String, Integer> valueBytes = new HashMap<>();
        long labelPairs = 0;
        for (Map.Entry<String, Set<String>> name : valuesByName.entrySet()) {
            valueCounts.put(name.getKey(), name.getValue().size());
            valueBytes.put(name.getKey(), name.getValue().stream().mapToInt(String::length).sum());
            labelPairs += name.getValue().size();
        }
        long pairs = labelPairs;
        int headSeries = tsdb.headSeries();
        int top = limit;
        return Answer.of(json -> {
            json.beginObject();
            json.name("headStats").beginObject()
                    .name("numSeries").value(headSeries)
                    .name("numLabelPairs").value(pairs)
                    .endObject();
            writeTop(json, "seriesCountByMetricName", seriesByMetric, top);
            writeTop(json, "labelValueCountByLabelName", valueCounts, top);
            writeTop(json, "memoryInBytesByLabelName", valueBytes, top);
            writeTop(json, "seriesCountByLabelValuePair", seriesByPair, top);
            json.endObject();
        });
    }

    /** A Prometheus statistic list: the {@code limit} largest counts, ties by name. */
    private static void writeTop(com.google.gson.stream.JsonWriter json, String field, Map<String, Integer> counts,
                                 int limit) throws java.io.IOException {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        json.name(field).beginArray();
        for (Map.Entry<String, Integer> e : entries.subList(0, Math.min(limit, entries.size()))) {
            json.beginObject().name("name").value(e.getKey()).name("value").value(e.getValue()).endObject();
        }
        json.endArray();
    }

    /** Prometheus's runtime-info form: {@code 15d}, or {@code 15d or 1073741824B} with a size bound. */
    private static String retention(TsdbConfig storage) {
        String age = PromParameters.formatDuration(storage.retentionAge().toMillis());
        return storage.retentionBytes() > 0 ? age + " or " + storage.retentionBytes() + "B" : age;
    }
}
