package io.sightline.query.traces;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of trace searches (TraceQL and the Jaeger/Tempo searches).
 *
 * @param maxCandidateTraces traces the store may hand a TraceQL search to evaluate, each read whole
 *                           (default 2,000); when the store returns that many and fewer match than
 *                           the limit, later (older) matches may be missed, and the answer says so
 * @param maxLimit           largest number of traces one search may return (default 1,000)
 * @param timeout            how long one search may run, store and evaluation (default 30s)
 * @param maxQueryLength     longest TraceQL query in characters (default 64 KiB)
 * @param maxQueryDepth      deepest nesting of braces and parentheses in a query (default 128)
 */
public record TraceSearchConfig(int maxCandidateTraces, int maxLimit, Duration timeout, int maxQueryLength,
                                int maxQueryDepth) {
    public static final int DEFAULT_MAX_CANDIDATE_TRACES = 2_000;
    public static final int DEFAULT_MAX_LIMIT = 1_000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public TraceSearchConfig {
        Objects.requireNonNull(timeout, "timeout");
        if (maxCandidateTraces < 1 || maxLimit < 1 || maxQueryLength < 1 || maxQueryDepth < 1
                || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("trace search limits must be positive: " + maxCandidateTraces + ", "
                    + maxLimit + ", " + timeout + ", " + maxQueryLength + ", " + maxQueryDepth);
        }
    }

    public static TraceSearchConfig defaults() {
        return new TraceSearchConfig(DEFAULT_MAX_CANDIDATE_TRACES, DEFAULT_MAX_LIMIT, DEFAULT_TIMEOUT,
                io.sightline.query.traces.traceql.TraceqlQuery.DEFAULT_MAX_LENGTH,
                io.sightline.query.traces.traceql.TraceqlQuery.DEFAULT_MAX_DEPTH);
    }
}
