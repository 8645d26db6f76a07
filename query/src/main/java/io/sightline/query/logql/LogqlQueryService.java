package io.sightline.query.logql;

/** Evaluates LogQL: what the Loki API, the UI and log-based rules ask. Thread-safe. */
public interface LogqlQueryService {
    /**
     * Evaluates {@code request}.
     *
     * @throws LogqlQueryException when the query is invalid, passes a limit or runs out of time
     */
    LogqlResult execute(LogqlRequest request);
}
