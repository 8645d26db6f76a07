package io.sightline.query.api.prometheus;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import io.sightline.query.promql.EngineConfig;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.PromqlParseException;
import io.sightline.query.promql.QueryResult;
import io.sightline.query.promql.QueryValue;
import io.sightline.query.promql.parser.Expr;
import io.sightline.storage.tsdb.ExemplarQueryable;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Queryable;
import io.sightline.storage.tsdb.SeriesExemplars;

/**
 * {@code /query}, {@code /query_range}, {@code /query_exemplars} and {@code /format_query}, with
 * Prometheus's parameter checks, in its order and words. A request's {@code timeout} is capped by the
 * engine's configured timeout (Prometheus's {@code --query.timeout}); {@code lookback_delta}
 * overrides the engine's for one query. Thread-safe.
 */
final class QueryEndpoints {
    static final String TRUNCATED = "results truncated due to limit";

    private final Queryable queryable;
    private final ExemplarQueryable exemplars;
    private final EngineConfig engineConfig;
    private final LongSupplier nanoClock;
    private final InstantSource clock;

    QueryEndpoints(Queryable queryable, ExemplarQueryable exemplars, EngineConfig engineConfig,
                   LongSupplier nanoClock, InstantSource clock) {
        this.queryable = queryable;
        this.exemplars = exemplars;
        this.engineConfig = engineConfig;
        this.nanoClock = nanoClock;
        this.clock = clock;
    }

    Answer query(RequestParameters p) {
        long limit = PromParameters.limit(p.first("limit"));
        long time = PromParameters.timeMillis("time", p.first("time"), clock.millis());
        PromqlEngine engine = engine(p);
        QueryResult result;
        try {
            result = engine.instantQuery(queryable, p.first("query"), time);
        } catch (PromqlParseException e) {
            throw ApiError.invalidParameter("query", e.getMessage());
        }
        return answer(result, limit);
    }

    Answer queryRange(RequestParameters p) {
        long limit = PromParameters.limit(p.first("limit"));
        long start = PromParameters.timeMillis("start", p.first("start"));
        long end = PromParameters.timeMillis("end", p.first("end"));
        if (end < start) {
            throw ApiError.invalidParameter("end", "end timestamp must not be before start time");
        }
        long step = PromParameters.durationMillis("step", p.first("step"));
        if (step <= 0) {
            throw ApiError.invalidParameter("step",
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        // Prometheus's own guard, before any work: 11,000 steps is 60 s for a week or 1 h for a year.
        if ((end - start) / step > engineConfig.maxPointsPerSeries()) {
            throw ApiError.badData(String.format(Locale.ROOT, "exceeded maximum resolution of %,d points per "
                    + "timeseries. Try decreasing the query resolution (?step=XX)", engineConfig.maxPointsPerSeries()));
        }
        PromqlEngine engine = engine(p);
        QueryResult result;
        try {
            result = engine.rangeQuery(queryable, p.first("query"), start, end, step);
        } catch (PromqlParseException e) {
            throw ApiError.invalidParameter("query", e.getMessage());
        }
        return answer(result, limit);
    }

    Answer queryExemplars(RequestParameters p) {
        long start = PromParameters.timeMillis("start", p.first("start"), PromParameters.MIN_TIME_MS);
        long end = PromParameters.timeMillis("end", p.first("end"), PromParameters.MAX_TIME_MS);
        if (end < start) {
            throw ApiError.badData("end timestamp must not be before start timestamp");
        }
        Expr expr;
        try {
            expr = PromqlEngine.parse(p.first("query"));
        } catch (PromqlParseException e) {
            throw ApiError.invalidParameter("query", e.getMessage());
        }
        List<List<LabelMatcher>> selectors = SeriesSelectors.extract(expr);
        if (selectors.isEmpty()) {
            return Answer.NO_CONTENT;
        }
        List<SeriesExemplars> found = exemplars.exemplars(start, end, selectors);
        return Answer.of(json -> ResultJson.exemplars(json, found));
    }

    /** The canonical text of the query (Prometheus answers {@code expr.Pretty(0)}, see README). */
    Answer formatQuery(RequestParameters p) {
        String formatted;
        try {
            formatted = PromqlEngine.format(p.first("query"));
        } catch (PromqlParseException e) {
            throw ApiError.invalidParameter("query", e.getMessage());
        }
        return Answer.of(json -> json.value(formatted));
    }

    /** An engine with this request's timeout (capped by the configured one) and lookback delta. */
    private PromqlEngine engine(RequestParameters p) {
        EngineConfig config = engineConfig;
        String timeout = p.first("timeout");
        if (!timeout.isEmpty()) {
            long ms = PromParameters.durationMillis("timeout", timeout);
            long capped = Math.clamp(ms, 1, config.timeout().toMillis());
            config = config.withTimeout(Duration.ofMillis(capped));
        }
        String lookback = p.first("lookback_delta");
        if (!lookback.isEmpty()) {
            long ms;
            try {
                ms = PromParameters.durationMillis(lookback);
            } catch (IllegalArgumentException e) {
                throw ApiError.badData("error parsing lookback delta duration: " + e.getMessage());
            }
            if (ms > 0) {
                config = config.withLookbackDelta(Duration.ofMillis(ms));
            }
        }
        return new PromqlEngine(config, nanoClock);
    }

    /** The result, cut to {@code limit} series (0: all) with Prometheus's warning when cut. */
    private static Answer answer(QueryResult result, long limit) {
        QueryValue value = result.value();
        List<String> warnings = new ArrayList<>(result.warnings());
        if (limit > 0) {
            if (value instanceof QueryValue.Vector v && v.samples().size() > limit) {
                value = new QueryValue.Vector(v.samples().subList(0, (int) limit));
                warnings.add(TRUNCATED);
            } else if (value instanceof QueryValue.Matrix m && m.series().size() > limit) {
                value = new QueryValue.Matrix(m.series().subList(0, (int) limit));
                warnings.add(TRUNCATED);
            }
        }
        QueryValue answered = value;
        return new Answer(json -> ResultJson.queryData(json, answered), warnings, result.infos());
    }
}
