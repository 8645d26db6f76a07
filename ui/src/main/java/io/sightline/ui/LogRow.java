package io.sightline.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.sightline.query.api.ApiTimes;
import io.sightline.query.logql.LogqlResult;
import io.sightline.storage.logs.LogStreams;

/**
 * One log line as the logs page shows it: from a LogQL answer's entry and the labels of its stream.
 * The stream labels are the record's resource attributes (names sanitised) plus {@code service_name},
 * {@code job}, {@code level}, {@code severity_text}; the structured metadata are its own attributes
 * (Prometheus-normalised names) plus {@code trace_id}, {@code span_id}, scope and flags, as Loki 3
 * stores OTLP logs; parsed labels come from the query's parsers.
 *
 * @param timeNanos    Unix epoch nanoseconds
 * @param time         RFC 3339, UTC
 * @param level        the {@code level} stream label ({@code unknown} when absent)
 * @param severity     the severity as the source wrote it, else the level in capitals
 * @param service      {@code service_name}
 * @param line         the line after the query's pipeline
 * @param traceId      32 hex digits or ""
 * @param spanId       16 hex digits or ""
 * @param streamLabels sorted by name
 * @param metadata     structured metadata, sorted by name
 * @param parsed       labels the pipeline extracted, sorted by name
 */
record LogRow(long timeNanos, String time, String level, String severity, String service, String line,
              String traceId, String spanId, Map<String, String> streamLabels, Map<String, String> metadata,
              Map<String, String> parsed) {
    /** Newest first; ties by stream labels then line, so a page is stable across requests. */
    static final Comparator<LogRow> NEWEST_FIRST = Comparator.comparingLong(LogRow::timeNanos).reversed()
            .thenComparing(row -> row.streamLabels().toString()).thenComparing(LogRow::line);

    static LogRow of(Map<String, String> streamLabels, LogqlResult.LogEntry entry) {
        String level = streamLabels.getOrDefault(LogStreams.LEVEL, LogStreams.UNKNOWN_LEVEL);
        String severity = streamLabels.getOrDefault(LogStreams.SEVERITY_TEXT, level.toUpperCase(Locale.ROOT));
        return new LogRow(entry.timeNanos(), ApiTimes.formatNanos(entry.timeNanos()), level, severity,
                streamLabels.getOrDefault(LogStreams.SERVICE_NAME, LogStreams.UNKNOWN_SERVICE), entry.line(),
                entry.structuredMetadata().getOrDefault("trace_id", ""), entry.structuredMetadata().getOrDefault("span_id", ""),
                new TreeMap<>(streamLabels), new TreeMap<>(entry.structuredMetadata()), new TreeMap<>(entry.parsed()));
    }

    /** Every entry of a log query's answer, {@link #NEWEST_FIRST}. */
    static List<LogRow> of(LogqlResult.Streams streams) {
        List<LogRow> rows = new ArrayList<>();
        for (LogqlResult.LogStream stream : streams.streams()) {
            for (LogqlResult.LogEntry entry : stream.entries()) {
                rows.add(of(stream.labels(), entry));
            }
        }
        rows.sort(NEWEST_FIRST);
        return rows;
    }

    /** CSS class for the severity colour. */
    public String severityClass() {
        return "sev-" + level;
    }

    /** The first 8 digits of the trace id, for the results column. */
    public String shortTraceId() {
        return traceId.length() > 8 ? traceId.substring(0, 8) : traceId;
    }

    /** The trace page of this line's trace (the range travels), or "" without a trace. */
    public String traceLink(String rangeQuery) {
        return traceId.isEmpty() ? "" : "/traces/" + encode(traceId) + "?" + rangeQuery;
    }

    /** The context view: lines of the same service around this line's time. */
    public String contextLink(String rangeQuery) {
        return "/logs/context?service=" + encode(service) + "&ts=" + timeNanos + "&" + rangeQuery;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
