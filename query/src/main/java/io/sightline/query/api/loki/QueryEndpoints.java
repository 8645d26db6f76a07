package io.sightline.query.api.loki;

import java.time.InstantSource;
import java.util.Locale;

import io.sightline.query.api.BadRequestException;
import io.sightline.query.logql.LogqlDirection;
import io.sightline.query.logql.LogqlQueryService;
import io.sightline.query.logql.LogqlRequest;
import io.sightline.query.logql.LogqlResult;

/**
 * {@code /query} and {@code /query_range}: Loki's parameter checks in its order and words, then one
 * {@link LogqlQueryService#execute} call. Thread-safe.
 */
final class QueryEndpoints {
    static final String INSTANT_LOG_QUERY =
            "log queries are not supported as an instant query type, please change your query to a range query type";

    private final LogqlQueryService service;
    private final LokiApiConfig config;
    private final InstantSource clock;

    QueryEndpoints(LogqlQueryService service, LokiApiConfig config, InstantSource clock) {
        this.service = service;
        this.config = config;
        this.clock = clock;
    }

    /** What a query endpoint evaluated, with the direction its streams are written in. */
    record Evaluated(LogqlResult result, LogqlDirection direction) {
    }

    Evaluated query(LokiForm form) {
        String query = form.first("query");
        long limit = LokiParameters.limit(form.first("limit"));
        long time = LokiParameters.time(form.first("time"), nowNanos());
        LogqlDirection direction = LokiParameters.direction(form.first("direction"));
        if (LogqlQueryKind.isLogQuery(query)) {
            throw new BadRequestException(INSTANT_LOG_QUERY);
        }
        LogqlRequest request = new LogqlRequest(query, time, time, 0, 0, direction, engineLimit(query, limit),
                config.queryTimeout());
        return new Evaluated(service.execute(request), direction);
    }

    Evaluated queryRange(LokiForm form) {
        String query = form.first("query");
        long[] range = checkRange(form);
        long limit = LokiParameters.limit(form.first("limit"));
        LogqlDirection direction = LokiParameters.direction(form.first("direction"));
        LogqlRequest request = new LogqlRequest(query, range[0], range[1], range[2], range[3], direction,
                engineLimit(query, limit), config.queryTimeout());
        return new Evaluated(service.execute(request), direction);
    }

    /**
     * Loki's {@code ParseRangeQuery} checks, in its order: bounds, end before start, limit, direction,
     * step (default a 250th of the range), its sign and the points bound, interval.
     *
     * @return start, end, step and interval in nanoseconds
     */
    long[] checkRange(LokiForm form) {
        long[] bounds = LokiParameters.bounds(form, nowNanos());
        long start = bounds[0];
        long end = bounds[1];
        if (end < start) {
            throw new BadRequestException("end timestamp must not be before or equal to start time");
        }
        LokiParameters.limit(form.first("limit"));
        LokiParameters.direction(form.first("direction"));
        String stepText = form.first("step");
        long step = stepText.isEmpty() ? LokiParameters.defaultStepNanos(start, end)
                : LokiParameters.secondsOrDuration(stepText);
        if (step <= 0) {
            throw new BadRequestException(
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if ((end - start) / step > config.maxPointsPerSeries()) {
            throw new BadRequestException(String.format(Locale.ROOT, "exceeded maximum resolution of %,d points per "
                    + "time series. Try increasing the value of the step parameter", config.maxPointsPerSeries()));
        }
        String intervalText = form.first("interval");
        long interval = intervalText.isEmpty() ? 0 : LokiParameters.secondsOrDuration(intervalText);
        if (interval < 0) {
            throw new BadRequestException("interval must be >= 0");
        }
        return new long[] {start, end, step, interval};
    }

    /**
     * The limit the engine gets: a log query's {@code limit}, checked against the entries limit as
     * Loki's querier checks it; a metric query's series limit (Loki ignores {@code limit} there).
     */
    private int engineLimit(String query, long limit) {
        if (!LogqlQueryKind.isLogQuery(query)) {
            return config.maxQuerySeries();
        }
        if (limit > config.maxEntriesLimitPerQuery()) {
            throw new BadRequestException("max entries limit per query exceeded, limit > max_entries_limit_per_query ("
                    + limit + " > " + config.maxEntriesLimitPerQuery() + ")");
        }
        return (int) limit;
    }

    private long nowNanos() {
        return LokiTimes.nanos(clock);
    }
}
