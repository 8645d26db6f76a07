package io.sightline.query.api;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

import com.google.gson.stream.JsonWriter;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.logql.LogqlDirection;
import io.sightline.query.logql.LogqlEngine;
import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlRequest;
import io.sightline.query.logql.LogqlResult;
import io.sightline.query.logql.LogqlStats;
import io.sightline.query.logql.engine.LogqlExplain;

/**
 * {@code GET /api/v1/logs/explain}: how a LogQL query runs, for the UI and for tuning: per store scan
 * the stream selector and line filters the index is given, whether the index answers alone, the
 * stages run on each record afterwards; with {@code analyze=true} the query also runs and the answer
 * adds what it cost (records read, body bytes, partitions searched, the index query, time).
 *
 * <p>Parameters: {@code query} (required), {@code start}/{@code end} (RFC 3339 or Unix seconds; default
 * the last hour), {@code step} (seconds, metric queries; default the range / 250, at least 1 s, as
 * Loki), {@code limit} (log queries, default 100), {@code analyze}.
 */
public final class LogqlExplainApi implements HttpService {
    private static final long HOUR_NANOS = 3_600_000_000_000L;
    private static final int DEFAULT_LIMIT = 100;

    private final LogqlEngine engine;
    private final Duration timeout;
    private final InstantSource clock;

    public LogqlExplainApi(LogqlEngine engine, Duration timeout, InstantSource clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/explain", this::explain);
    }

    private void explain(ServerRequest request, ServerResponse response) {
        try {
            var query = request.query();
            String text = query.first("query").orElseThrow(() -> new BadRequestException("missing parameter \"query\""));
            long now = clock.millis() * 1_000_000L;
            long end = query.first("end").map(v -> ApiTimes.parseNanos("end", v)).orElse(now);
            long start = query.first("start").map(v -> ApiTimes.parseNanos("start", v)).orElse(end - HOUR_NANOS);
            if (end < start) {
                throw new BadRequestException("invalid parameter \"end\": before \"start\"");
            }
            long step = query.first("step").map(LogqlExplainApi::stepNanos)
                    .orElse(Math.max(1_000_000_000L, (end - start) / 250 / 1_000_000_000L * 1_000_000_000L));
            int limit = query.first("limit").map(LogqlExplainApi::limit).orElse(DEFAULT_LIMIT);
            boolean analyze = query.first("analyze").map(Boolean::parseBoolean).orElse(false);
            LogqlRequest logql = new LogqlRequest(text, start, end, step, 0, LogqlDirection.BACKWARD, limit, timeout);
            LogqlExplain plan = engine.explain(logql);
            LogqlStats stats = analyze ? engine.execute(logql).stats() : null;
            ApiResponses.success(response, json -> write(json, plan, stats));
        } catch (LogqlQueryException e) {
            if (e.kind() == LogqlQueryException.Kind.TIMEOUT) {
                ApiResponses.error(response, io.helidon.http.Status.SERVICE_UNAVAILABLE_503, "timeout", e.getMessage());
            } else {
                ApiResponses.error(response, io.helidon.http.Status.BAD_REQUEST_400, "bad_data", e.getMessage());
            }
        } catch (RuntimeException e) {
            ApiResponses.failure(response, e);
        }
    }

    private static void write(JsonWriter json, LogqlExplain plan, LogqlStats stats) throws IOException {
        json.beginObject();
        json.name("query").value(plan.query());
        json.name("kind").value(plan.kind());
        json.name("scans").beginArray();
        for (LogqlExplain.Scan scan : plan.scans()) {
            json.beginObject();
            json.name("selector").value(scan.selector());
            strings(json.name("lineFilters"), scan.lineFilters());
            json.name("indexOnly").value(scan.indexOnly());
            strings(json.name("stages"), scan.stages());
            json.name("range").value(scan.range());
            json.endObject();
        }
        json.endArray();
        json.name("evaluation").value(plan.evaluation());
        if (stats != null) {
            json.name("stats").beginObject();
            json.name("execSeconds").value(stats.execNanos() / 1e9);
            json.name("linesProcessed").value(stats.linesProcessed());
            json.name("bytesProcessed").value(stats.bytesProcessed());
            json.name("entriesReturned").value(stats.entriesReturned());
            json.name("partitionsSearched").value(stats.partitionsSearched());
            json.name("indexQuery").value(stats.indexQuery());
            json.endObject();
        }
        json.endObject();
    }

    private static void strings(JsonWriter json, List<String> values) throws IOException {
        json.beginArray();
        for (String value : values) {
            json.value(value);
        }
        json.endArray();
    }

    private static long stepNanos(String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new NumberFormatException();
            }
            return Math.max(1, (long) (seconds * 1e9));
        } catch (NumberFormatException e) {
            throw new BadRequestException("invalid parameter \"step\": a positive number of seconds, not " + value);
        }
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new BadRequestException("invalid parameter \"limit\": a positive whole number, not " + value);
        }
    }
}
