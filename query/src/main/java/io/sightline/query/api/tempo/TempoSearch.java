package io.sightline.query.api.tempo;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import com.google.gson.stream.JsonWriter;
import io.sightline.query.api.BadRequestException;
import io.sightline.query.api.GoForm;
import io.sightline.query.api.Logfmt;
import io.sightline.query.traces.GoDuration;
import io.sightline.query.traces.TraceqlEngine;
import io.sightline.query.traces.traceql.TraceqlQuery;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceQuerier;
import io.sightline.storage.traces.TraceSearch;
import io.sightline.storage.traces.TraceSummary;

/**
 * Tempo's {@code /api/search}: a TraceQL query ({@code q}) through the {@link TraceqlEngine}, or
 * without one the legacy {@code tags} (logfmt; {@code service.name} and {@code name} become the
 * store's service and operation, other keys attribute conditions in any scope) straight to the store;
 * {@code minDuration}/{@code maxDuration} bound the trace's duration, {@code start}/{@code end} are
 * Unix seconds, {@code limit} traces (default 20), {@code spss} spans per span set (default 3).
 * Answers Tempo's JSON: {@code {"traces":[{traceID, rootServiceName, rootTraceName,
 * startTimeUnixNano, durationMs, spanSet, spanSets:[{spans:[{spanID, name, startTimeUnixNano,
 * durationNanos, attributes}], matched}]}], "metrics":{…}}}.
 */
final class TempoSearch {
    static final String NO_ROOT = "<root span not yet received>";

    private final TraceQuerier traces;
    private final TraceqlEngine engine;
    private final TempoApiConfig config;
    private final InstantSource clock;

    TempoSearch(TraceQuerier traces, TraceqlEngine engine, TempoApiConfig config, InstantSource clock) {
        this.traces = traces;
        this.engine = engine;
        this.config = config;
        this.clock = clock;
    }

    /** One trace of the answer with its matched spans. */
    private record Found(TraceSummary summary, List<SpanRecord> matched) {
    }

    /** Runs the search; the answer is written by the returned body. */
    TempoResponses.Body search(GoForm form) {
        long[] range = range(form, clock, config.searchLookback());
        Duration min = duration(form, "minDuration");
        Duration max = duration(form, "maxDuration");
        int limit = positive(form, "limit", config.defaultLimit());
        int spss = Math.min(positive(form, "spss", config.defaultSpansPerSet()), config.maxSpansPerSet());
        String q = form.first("q");
        List<Found> found = new ArrayList<>();
        List<String> keys;
        int inspected;
        if (!q.isBlank()) {
            TraceqlQuery query = engine.parse(q);
            TraceqlEngine.Result result = engine.search(new TraceqlEngine.Request(query, range[0], range[1], min, max, limit));
            for (TraceqlEngine.Match m : result.traces()) {
                found.add(new Found(m.summary(), m.matched()));
            }
            keys = query.attributeKeys();
            inspected = result.inspectedTraces();
        } else {
            Map<String, String> tags = Logfmt.pairs(form.first("tags"));
            Optional<String> service = Optional.ofNullable(tags.remove("service.name"));
            Optional<String> operation = Optional.ofNullable(tags.remove("name"));
            List<TraceSearch.AttributeCondition> conditions = new ArrayList<>();
            tags.forEach((k, v) -> conditions.add(new TraceSearch.AttributeCondition(TraceSearch.Scope.ANY, k, v)));
            TraceSearch search = new TraceSearch(range[0], range[1], service, operation, OptionalInt.empty(),
                    OptionalInt.empty(), conditions, Duration.ZERO, Duration.ZERO, min, max,
                    Math.min(limit, engine.config().maxLimit()), engine.config().timeout());
            List<TraceSummary> summaries = traces.search(search);
            for (TraceSummary summary : summaries) {
                Set<String> ids = new HashSet<>(summary.matchedSpanIds());
                List<SpanRecord> matched = traces.trace(summary.traceId(), summary.startNanos(),
                        summary.endNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : summary.endNanos() + 1)
                        .stream().filter(s -> ids.contains(s.spanId())).toList();
                found.add(new Found(summary, matched));
            }
            keys = List.copyOf(conditions.stream().map(TraceSearch.AttributeCondition::key).toList());
            inspected = summaries.size();
        }
        return json -> write(json, found, keys, spss, inspected);
    }

    private static void write(JsonWriter json, List<Found> found, List<String> keys, int spss, int inspected)
            throws IOException {
        json.beginObject();
        json.name("traces").beginArray();
        for (Found f : found) {
            TraceSummary s = f.summary();
            json.beginObject();
            json.name("traceID").value(s.traceId());
            json.name("rootServiceName").value(s.rootServiceName().isEmpty() && s.rootSpanName().isEmpty()
                    ? NO_ROOT : s.rootServiceName());
            if (!s.rootSpanName().isEmpty()) {
                json.name("rootTraceName").value(s.rootSpanName());
            }
            json.name("startTimeUnixNano").value(Long.toUnsignedString(s.startNanos()));
            json.name("durationMs").value(s.durationNanos() / 1_000_000);
            json.name("spanSet");
            spanSet(json, f.matched(), keys, spss);
            json.name("spanSets").beginArray();
            spanSet(json, f.matched(), keys, spss);
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.name("metrics").beginObject()
                .name("inspectedTraces").value(inspected)
                .name("inspectedBytes").value("0")
                .name("completedJobs").value(1)
                .name("totalJobs").value(1)
                .endObject();
        json.endObject();
    }

    private static void spanSet(JsonWriter json, List<SpanRecord> matched, List<String> keys, int spss)
            throws IOException {
        json.beginObject();
        json.name("spans").beginArray();
        for (SpanRecord span : matched.subList(0, Math.min(spss, matched.size()))) {
            json.beginObject();
            json.name("spanID").value(span.spanId());
            json.name("name").value(span.name());
            json.name("startTimeUnixNano").value(Long.toUnsignedString(span.startNanos()));
            json.name("durationNanos").value(Long.toString(span.durationNanos()));
            json.name("attributes").beginArray();
            OtlpJson.keyValue(json, "service.name", span.serviceName());
            for (String key : keys) {
                Object value = span.attributes().containsKey(key) ? span.attributes().get(key) : span.resource().get(key);
                if (value != null && !key.equals("service.name")) {
                    OtlpJson.keyValue(json, key, value);
                }
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.name("matched").value(matched.size());
        json.endObject();
    }

    /** [start, end) in nanoseconds from {@code start}/{@code end} in Unix seconds; default the lookback to now. */
    static long[] range(GoForm form, InstantSource clock, Duration lookback) {
        long nowSeconds = clock.millis() / 1_000;
        long end = seconds(form, "end", nowSeconds + 1);
        long start = seconds(form, "start", end - lookback.toSeconds());
        if (end < start) {
            throw new BadRequestException("invalid start (" + start + ") and end (" + end + "): end must be after start");
        }
        return new long[] {start * 1_000_000_000L, end * 1_000_000_000L};
    }

    private static long seconds(GoForm form, String name, long absent) {
        String value = form.first(name);
        if (value.isEmpty()) {
            return absent;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 0 || seconds > Long.MAX_VALUE / 1_000_000_000L) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new BadRequestException("invalid " + name + ": " + value + " is not Unix seconds");
        }
    }

    private static Duration duration(GoForm form, String name) {
        String value = form.first(name);
        if (value.isEmpty()) {
            return Duration.ZERO;
        }
        OptionalLong nanos = GoDuration.parseNanos(value);
        if (nanos.isEmpty() || nanos.getAsLong() < 0) {
            throw new BadRequestException("invalid " + name + ": time: invalid duration \"" + value + "\"");
        }
        return Duration.ofNanos(nanos.getAsLong());
    }

    private static int positive(GoForm form, String name, int absent) {
        String value = form.first(name);
        if (value.isEmpty()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestException("invalid " + name + ": " + value + " must be a positive integer");
        }
    }
}
