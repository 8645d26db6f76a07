package io.sightline.query.api.prometheus;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.query.promql.EngineConfig;
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

    /** No rules are evaluated yet (alerting is a later step); the type filter is still checked. */
    Answer rules(RequestParameters p) {
        String type = p.first("type").toLowerCase(java.util.Locale.ROOT);
        if (!type.isEmpty() && !type.equals("alert") && !type.equals("record")) {
            throw ApiError.invalidParameter("type", "not supported value \"" + type + "\"");
        }
        return Answer.of(json -> json.beginObject().name("groups").beginArray().endArray().endObject());
    }

    Answer alerts(RequestParameters p) {
        return Answer.of(json -> json.beginObject().name("alerts").beginArray().endArray().endObject());
    }

    /**
     * Head series from the TSDB; label pairs and values per label name counted over all stored data
     * (the TSDB has no head-only index statistics); the other lists are empty (not computed).
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
        List<Map.Entry<String, Integer>> valueCounts = new ArrayList<>();
        long labelPairs = 0;
        try (SeriesQuerier querier = tsdb.querier(PromParameters.MIN_TIME_MS, PromParameters.MAX_TIME_MS)) {
            for (String name : querier.labelNames(List.of())) {
                int values = querier.labelValues(name, List.of()).size();
                labelPairs += values;
                valueCounts.add(Map.entry(name, values));
            }
        }
        valueCounts.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<Map.Entry<String, Integer>> top = valueCounts.subList(0, Math.min(limit, valueCounts.size()));
        long pairs = labelPairs;
        int headSeries = tsdb.headSeries();
        return Answer.of(json -> {
            json.beginObject();
            json.name("headStats").beginObject()
                    .name("numSeries").value(headSeries)
                    .name("numLabelPairs").value(pairs)
                    .endObject();
            json.name("seriesCountByMetricName").beginArray().endArray();
            json.name("labelValueCountByLabelName").beginArray();
            for (Map.Entry<String, Integer> e : top) {
                json.beginObject().name("name").value(e.getKey()).name("value").value(e.getValue()).endObject();
            }
            json.endArray();
            json.name("memoryInBytesByLabelName").beginArray().endArray();
            json.name("seriesCountByLabelValuePair").beginArray().endArray();
            json.endObject();
        });
    }

    /** Prometheus's runtime-info form: {@code 15d}, or {@code 15d or 1073741824B} with a size bound. */
    private static String retention(TsdbConfig storage) {
        String age = PromParameters.formatDuration(storage.retentionAge().toMillis());
        return storage.retentionBytes() > 0 ? age + " or " + storage.retentionBytes() + "B" : age;
    }
}
