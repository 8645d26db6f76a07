package io.sightline.query.logql.engine;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.sightline.query.logql.LogqlEngineConfig;
import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlQueryException.Kind;
import io.sightline.storage.logs.LogQuerier;
import io.sightline.storage.logs.LogScanLimitException;
import io.sightline.storage.logs.LogScanStats;

/**
 * What one evaluation shares: the store, templates, limits, the evaluation times, the deadline and
 * the statistics gathered. One per query; not thread-safe.
 */
final class EvalContext {
    final LogQuerier querier;
    final LineTemplates templates;
    final LogqlEngineConfig config;
    /** Evaluation times of a metric query (one for an instant query), Unix epoch nanoseconds. */
    final long[] times;
    private final LongSupplier nanoClock;
    private final long deadline;
    private final Duration timeout;

    long linesProcessed;
    long bytesProcessed;
    int partitionsSearched;
    String indexQuery = "";

    EvalContext(LogQuerier querier, LineTemplates templates, LogqlEngineConfig config, long[] times,
                LongSupplier nanoClock, Duration timeout) {
        this.querier = querier;
        this.templates = templates;
        this.config = config;
        this.times = times;
        this.nanoClock = nanoClock;
        this.timeout = timeout;
        this.deadline = nanoClock.getAsLong() + timeout.toNanos();
    }

    int steps() {
        return times.length;
    }

    /** Time left for a store scan; at least 1 ms so the scan itself reports the timeout. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(1_000_000, deadline - nanoClock.getAsLong()));
    }

    void checkDeadline() {
        if (nanoClock.getAsLong() - deadline > 0) {
            throw timedOut();
        }
    }

    LogqlQueryException timedOut() {
        return new LogqlQueryException(Kind.TIMEOUT, "query timed out after " + timeout.toMillis() + "ms");
    }

    /** A store limit or timeout as the engine's error. */
    LogqlQueryException fromStore(LogScanLimitException e) {
        return e.limit().equals("timeout") ? timedOut() : new LogqlQueryException(Kind.LIMIT, e.getMessage(), e);
    }

    void add(LogScanStats stats) {
        partitionsSearched += stats.partitionsSearched();
        if (!stats.luceneQuery().isEmpty()) {
            indexQuery = stats.luceneQuery();
        }
    }
}
