package io.sightline.query.logql;

import java.time.Duration;
import java.util.Objects;

/**
 * One LogQL evaluation, as Loki's {@code query} (instant: {@code start == end}, {@code step == 0})
 * and {@code query_range} endpoints ask it.
 *
 * @param query         the LogQL text
 * @param startNanos    first evaluation time (metric queries) or range start, inclusive (log queries),
 *                      Unix epoch nanoseconds
 * @param endNanos      last evaluation time (metric queries) or range end (log queries): exclusive for
 *                      log queries of a range, inclusive for instant ones, as Loki
 * @param stepNanos     distance between evaluation times of a metric range query; 0 for an instant query
 * @param intervalNanos for log queries of a range: return at most one entry per interval (Loki's
 *                      {@code interval}); 0 for all
 * @param direction     order of log lines; which end a limit keeps
 * @param limit         most log lines returned (log queries) or series (metric queries, Loki's
 *                      max series); at least 1
 * @param timeout       how long evaluation may take before it fails
 */
public record LogqlRequest(String query, long startNanos, long endNanos, long stepNanos, long intervalNanos,
                           LogqlDirection direction, int limit, Duration timeout) {
    public LogqlRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(timeout, "timeout");
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("end must not be before start");
        }
        if (stepNanos < 0 || intervalNanos < 0) {
            throw new IllegalArgumentException("step and interval must not be negative");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /** Whether this is an instant query (Loki's {@code /query}). */
    public boolean instant() {
        return stepNanos == 0;
    }
}
