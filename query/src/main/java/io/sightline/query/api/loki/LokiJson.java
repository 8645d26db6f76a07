package io.sightline.query.api.loki;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.stream.JsonWriter;
import io.sightline.query.logql.LogqlDirection;
import io.sightline.query.logql.LogqlResult;
import io.sightline.query.logql.LogqlStats;

/**
 * LogQL answers in Loki's JSON: {@code data} as {@code {"resultType","encodingFlags"?,"result","stats"}};
 * streams as {@code {"stream":{...},"values":[["<ns>","<line>"],...]}}; with the
 * {@code categorize-labels} flag each value gets a third element {@code {"structuredMetadata":{...},
 * "parsed":{...}}} (each member only when not empty) and the stream's labels are its own only; vectors
 * and matrices as Prometheus's ({@code "metric"}, {@code "value"}/{@code "values"} of
 * {@code [seconds, "value"]}); the stats object with every member Loki 3 sends, zero where Sightline has
 * no such figure. Labels are written sorted by name.
 */
final class LokiJson {
    static final String CATEGORIZE_LABELS = "categorize-labels";

    private static final String[] CHUNK_FIELDS = {"headChunkBytes", "headChunkLines", "decompressedBytes",
        "decompressedLines", "compressedBytes", "totalDuplicates", "postFilterLines",
        "headChunkStructuredMetadataBytes", "decompressedStructuredMetadataBytes"};
    private static final String[] CACHE_FIELDS = {"entriesFound", "entriesRequested", "entriesStored",
        "bytesReceived", "bytesSent", "requests", "downloadTime", "queryLengthServed"};
    private static final String[] CACHES = {"chunk", "index", "result", "statsResult", "volumeResult",
        "seriesResult", "labelResult", "instantMetricResult"};

    private LokiJson() {
    }

    static String resultType(LogqlResult result) {
        return switch (result) {
            case LogqlResult.Streams s -> "streams";
            case LogqlResult.Matrix m -> "matrix";
            case LogqlResult.Vector v -> "vector";
            case LogqlResult.Scalar s -> "scalar";
        };
    }

    /** The {@code data} member of a {@code /query} or {@code /query_range} answer. */
    static void queryData(JsonWriter json, LogqlResult result, boolean categorize, LogqlDirection direction)
            throws IOException {
        json.beginObject();
        json.name("resultType").value(resultType(result));
        if (categorize) {
            json.name("encodingFlags").beginArray().value(CATEGORIZE_LABELS).endArray();
        }
        json.name("result");
        switch (result) {
            case LogqlResult.Streams s -> streams(json, s.streams(), categorize, direction);
            case LogqlResult.Matrix m -> matrix(json, m.series());
            case LogqlResult.Vector v -> vector(json, v);
            case LogqlResult.Scalar s -> point(json, s.timeNanos(), s.value());
        }
        json.name("stats");
        stats(json, result.stats());
        json.endObject();
    }

    /** A {@code result} of streams; with {@code categorize}, regrouped by their own labels. */
    static void streams(JsonWriter json, List<LogqlResult.LogStream> streams, boolean categorize,
                        LogqlDirection direction) throws IOException {
        List<LogqlResult.LogStream> written = categorize ? byStreamLabels(streams, direction) : streams;
        json.beginArray();
        for (LogqlResult.LogStream stream : written) {
            json.beginObject();
            json.name("stream");
            labels(json, stream.labels());
            json.name("values").beginArray();
            for (LogqlResult.LogEntry entry : stream.entries()) {
                json.beginArray();
                json.value(Long.toString(entry.timeNanos()));
                json.value(entry.line());
                if (categorize) {
                    json.beginObject();
                    if (!entry.structuredMetadata().isEmpty()) {
                        json.name("structuredMetadata");
                        labels(json, entry.structuredMetadata());
                    }
                    if (!entry.parsed().isEmpty()) {
                        json.name("parsed");
                        labels(json, entry.parsed());
                    }
                    json.endObject();
                }
                json.endArray();
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
    }

    /**
     * The streams as Loki 3 groups them under {@code categorize-labels}: by stream labels without the
     * entries' structured metadata and parsed labels (which the engine folds into a stream's labels),
     * entries merged in the request's direction; groups in order of first appearance.
     */
    static List<LogqlResult.LogStream> byStreamLabels(List<LogqlResult.LogStream> streams, LogqlDirection direction) {
        Map<Map<String, String>, List<LogqlResult.LogEntry>> groups = new LinkedHashMap<>();
        for (LogqlResult.LogStream stream : streams) {
            for (LogqlResult.LogEntry entry : stream.entries()) {
                Map<String, String> own = new TreeMap<>(stream.labels());
                own.keySet().removeAll(entry.structuredMetadata().keySet());
                own.keySet().removeAll(entry.parsed().keySet());
                groups.computeIfAbsent(own, k -> new ArrayList<>()).add(entry);
            }
        }
        Comparator<LogqlResult.LogEntry> order = Comparator.comparingLong(LogqlResult.LogEntry::timeNanos);
        Comparator<LogqlResult.LogEntry> inDirection = direction == LogqlDirection.FORWARD ? order : order.reversed();
        List<LogqlResult.LogStream> out = new ArrayList<>(groups.size());
        groups.forEach((labels, entries) -> {
            entries.sort(inDirection);
            out.add(new LogqlResult.LogStream(labels, entries));
        });
        return out;
    }

    private static void matrix(JsonWriter json, List<LogqlResult.SampleSeries> series) throws IOException {
        json.beginArray();
        for (LogqlResult.SampleSeries s : series) {
            json.beginObject();
            json.name("metric");
            labels(json, s.labels());
            json.name("values").beginArray();
            long[] times = s.timesNanos();
            double[] values = s.values();
            for (int i = 0; i < times.length; i++) {
                point(json, times[i], values[i]);
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
    }

    private static void vector(JsonWriter json, LogqlResult.Vector vector) throws IOException {
        json.beginArray();
        for (LogqlResult.VectorSample sample : vector.samples()) {
            json.beginObject();
            json.name("metric");
            labels(json, sample.labels());
            json.name("value");
            point(json, vector.timeNanos(), sample.value());
            json.endObject();
        }
        json.endArray();
    }

    private static void point(JsonWriter json, long timeNanos, double value) throws IOException {
        json.beginArray();
        json.jsonValue(LokiNumbers.sampleTime(timeNanos));
        json.value(LokiNumbers.value(value));
        json.endArray();
    }

    /** A label set as a JSON object in name order. */
    static void labels(JsonWriter json, Map<String, String> labels) throws IOException {
        json.beginObject();
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            json.name(label.getKey()).value(label.getValue());
        }
        json.endObject();
    }

    /** Loki 3's statistics object: the summary from {@code stats}, the rest zero. */
    static void stats(JsonWriter json, LogqlStats stats) throws IOException {
        double seconds = stats.execNanos() / 1e9;
        json.beginObject();
        json.name("summary").beginObject();
        json.name("bytesProcessedPerSecond").value(perSecond(stats.bytesProcessed(), seconds));
        json.name("linesProcessedPerSecond").value(perSecond(stats.linesProcessed(), seconds));
        json.name("totalBytesProcessed").value(stats.bytesProcessed());
        json.name("totalLinesProcessed").value(stats.linesProcessed());
        json.name("execTime").jsonValue(LokiNumbers.seconds(stats.execNanos()));
        json.name("queueTime").value(0);
        json.name("subqueries").value(0);
        json.name("totalEntriesReturned").value(stats.entriesReturned());
        json.name("splits").value(0);
        json.name("shards").value(0);
        json.name("totalPostFilterLines").value(0);
        json.name("totalStructuredMetadataBytesProcessed").value(0);
        json.endObject();
        json.name("querier").beginObject();
        json.name("store");
        store(json);
        json.endObject();
        json.name("ingester").beginObject();
        zeros(json, "totalReached", "totalChunksMatched", "totalBatches", "totalLinesSent");
        json.name("store");
        store(json);
        json.endObject();
        json.name("cache").beginObject();
        for (String cache : CACHES) {
            json.name(cache).beginObject();
            zeros(json, CACHE_FIELDS);
            json.endObject();
        }
        json.endObject();
        json.name("index").beginObject();
        zeros(json, "totalChunks", "postFilterChunks", "shardsDuration");
        json.name("usedBloomFilters").value(false);
        json.endObject();
        json.endObject();
    }

    private static void store(JsonWriter json) throws IOException {
        json.beginObject();
        zeros(json, "totalChunksRef", "totalChunksDownloaded", "chunksDownloadTime");
        json.name("queryReferencedStructuredMetadata").value(false);
        json.name("chunk").beginObject();
        zeros(json, CHUNK_FIELDS);
        json.endObject();
        zeros(json, "chunkRefsFetchTime", "congestionControlLatency", "pipelineWrapperFilteredLines");
        json.endObject();
    }

    private static void zeros(JsonWriter json, String... names) throws IOException {
        for (String name : names) {
            json.name(name).value(0);
        }
    }

    /** Loki's {@code int64(float64(n) / seconds)}; 0 when no time was measured. */
    private static long perSecond(long n, double seconds) {
        return seconds > 0 ? (long) (n / seconds) : 0;
    }
}
