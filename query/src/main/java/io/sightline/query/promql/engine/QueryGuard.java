package io.sightline.query.promql.engine;

import java.util.function.LongSupplier;

import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.PromqlException.ErrorType;

/**
 * One query's limits: its deadline (measured on an injected nanosecond clock, never the wall
 * clock), cancellation (the evaluating thread's interrupt flag), the samples it holds in memory,
 * and the series it selects. Not thread-safe: one query, one thread.
 */
final class QueryGuard {
    private final LongSupplier nanoClock;
    private final long deadlineNanos;
    private final long maxSamples;
    private final long maxSeries;
    private long samples;
    private long series;

    QueryGuard(LongSupplier nanoClock, long timeoutNanos, long maxSamples, long maxSeries) {
        this.nanoClock = nanoClock;
        this.deadlineNanos = nanoClock.getAsLong() + timeoutNanos;
        this.maxSamples = maxSamples;
        this.maxSeries = maxSeries;
    }

    /**
     * @throws PromqlException of type timeout past the deadline, canceled when interrupted
     */
    void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new PromqlException(ErrorType.CANCELED, "query was canceled in expression evaluation");
        }
        if (nanoClock.getAsLong() - deadlineNanos > 0) {
            throw new PromqlException(ErrorType.TIMEOUT, "query timed out in expression evaluation");
        }
    }

    /** Counts samples now held; fails as Prometheus does past the limit. */
    void acquireSamples(long n) {
        samples += n;
        if (samples > maxSamples) {
            throw new PromqlException(ErrorType.EXECUTION,
                    "query processing would load too many samples into memory in query execution");
        }
    }

    void releaseSamples(long n) {
        samples = Math.max(0, samples - n);
    }

    void countSeries(long n) {
        series += n;
        if (series > maxSeries) {
            throw new PromqlException(ErrorType.EXECUTION, "query selected more than " + maxSeries
                    + " series; narrow the selectors or raise the engine's max-series limit");
        }
    }
}
