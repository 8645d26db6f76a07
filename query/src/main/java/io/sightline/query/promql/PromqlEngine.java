package io.sightline.query.promql;

import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

import io.sightline.query.promql.PromqlException.ErrorType;
import io.sightline.query.promql.engine.QueryExecution;
import io.sightline.query.promql.parser.Expr;
import io.sightline.query.promql.parser.Parser;
import io.sightline.query.promql.parser.Prettier;
import io.sightline.storage.tsdb.Queryable;

/**
 * The PromQL engine: parses a query and evaluates it against a {@link Queryable} with Prometheus 3
 * semantics. Stateless apart from its configuration; thread-safe (each call evaluates on the
 * calling thread; interrupting that thread cancels the query).
 *
 * <p>Errors are {@link PromqlException}s whose {@link PromqlException#errorType()} maps to
 * Prometheus's API error types; parse errors are {@link PromqlParseException}s.
 */
public final class PromqlEngine {
    private final EngineConfig config;
    private final LongSupplier nanoClock;

    public PromqlEngine(EngineConfig config) {
        this(config, System::nanoTime);
    }

    /**
     * @param nanoClock measures the query timeout (nanoseconds, monotonic); tests inject a manual one
     */
    public PromqlEngine(EngineConfig config, LongSupplier nanoClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    public EngineConfig config() {
        return config;
    }

    /** Evaluates {@code query} at {@code timeMs} (Unix ms), as {@code /api/v1/query}. */
    public QueryResult instantQuery(Queryable queryable, String query, long timeMs) {
        Expr expr = parse(query);
        return QueryExecution.instant(queryable, config, nanoClock, expr, timeMs);
    }

    /**
     * Evaluates {@code query} at every step from {@code startMs} to {@code endMs}, as
     * {@code /api/v1/query_range}; the result is always a matrix.
     *
     * @throws PromqlException bad_data for a non-positive step, an end before the start, too many
     *                         points per series, or an expression that is not a scalar or vector
     */
    public QueryResult rangeQuery(Queryable queryable, String query, long startMs, long endMs, long stepMs) {
        if (stepMs <= 0) {
            throw new PromqlException(ErrorType.BAD_DATA,
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (endMs < startMs) {
            throw new PromqlException(ErrorType.BAD_DATA, "end timestamp must not be before start time");
        }
        if ((endMs - startMs) / stepMs > config.maxPointsPerSeries()) {
            throw new PromqlException(ErrorType.BAD_DATA, String.format(Locale.ROOT,
                    "exceeded maximum resolution of %,d points per timeseries. Try decreasing the query resolution "
                            + "(?step=XX)", config.maxPointsPerSeries()));
        }
        Expr expr = parse(query);
        return QueryExecution.range(queryable, config, nanoClock, expr, startMs, endMs, stepMs);
    }

    /**
     * Parses and type-checks a query.
     *
     * @throws PromqlParseException with Prometheus's message, e.g. {@code 1:5: parse error: ...}
     */
    public static Expr parse(String query) {
        return Parser.parse(query);
    }

    /**
     * A query as {@code /api/v1/format_query} writes it: the canonical text, split over indented
     * lines where a part is longer than Prometheus's 100 characters ({@link Prettier}).
     */
    public static String format(String query) {
        return Prettier.format(parse(query));
    }
}
