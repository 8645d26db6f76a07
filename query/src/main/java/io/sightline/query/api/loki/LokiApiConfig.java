package io.sightline.query.api.loki;

import java.time.Duration;
import java.util.Objects;

/**
 * The Loki API's bounds, with Loki's defaults where Loki has the same setting.
 *
 * @param maxEntriesLimitPerQuery most log lines a log query may ask for with {@code limit} (Loki's
 *                                {@code max_entries_limit_per_query}, default 5,000); more is a 400
 * @param maxQuerySeries          most series a metric query may return (Loki's {@code max_query_series},
 *                                default 500); passed to the engine as the request's limit
 * @param maxPointsPerSeries      most steps of a range query ({@code (end - start) / step}; Loki's fixed
 *                                11,000)
 * @param queryTimeout            how long one query may evaluate (Loki's {@code query_timeout}, default 1m)
 * @param maxFormBytes            a POST form body's size (default 10 MiB); larger is a 400
 * @param tailQueueCapacity       records one tail client may have waiting to be sent (default 1,000);
 *                                further records are dropped and reported as {@code dropped_entries}
 * @param maxTailClients          open tails at once (Loki's {@code max_concurrent_tail_requests}, default
 *                                10); more are refused
 * @param maxTailDelay            largest {@code delay_for} (Loki's fixed 5 s)
 * @param maxDroppedReported      dropped records listed per tail message (default 100); the rest are only
 *                                counted
 */
public record LokiApiConfig(int maxEntriesLimitPerQuery, int maxQuerySeries, int maxPointsPerSeries,
                            Duration queryTimeout, int maxFormBytes, int tailQueueCapacity, int maxTailClients,
                            Duration maxTailDelay, int maxDroppedReported) {
    public LokiApiConfig {
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        Objects.requireNonNull(maxTailDelay, "maxTailDelay");
        if (maxEntriesLimitPerQuery < 1 || maxQuerySeries < 1 || maxPointsPerSeries < 1 || maxFormBytes < 1
                || tailQueueCapacity < 1 || maxTailClients < 1 || maxDroppedReported < 0) {
            throw new IllegalArgumentException("Loki API limits must be positive: " + this);
        }
        if (queryTimeout.isNegative() || queryTimeout.isZero() || maxTailDelay.isNegative()) {
            throw new IllegalArgumentException("queryTimeout must be positive, maxTailDelay not negative");
        }
    }

    public static LokiApiConfig defaults() {
        return new LokiApiConfig(5_000, 500, 11_000, Duration.ofMinutes(1), 10 << 20, 1_000, 10,
                Duration.ofSeconds(5), 100);
    }

    public LokiApiConfig withMaxEntriesLimitPerQuery(int value) {
        return new LokiApiConfig(value, maxQuerySeries, maxPointsPerSeries, queryTimeout, maxFormBytes,
                tailQueueCapacity, maxTailClients, maxTailDelay, maxDroppedReported);
    }

    public LokiApiConfig withTailQueueCapacity(int value) {
        return new LokiApiConfig(maxEntriesLimitPerQuery, maxQuerySeries, maxPointsPerSeries, queryTimeout,
                maxFormBytes, value, maxTailClients, maxTailDelay, maxDroppedReported);
    }

    public LokiApiConfig withMaxTailClients(int value) {
        return new LokiApiConfig(maxEntriesLimitPerQuery, maxQuerySeries, maxPointsPerSeries, queryTimeout,
                maxFormBytes, tailQueueCapacity, value, maxTailDelay, maxDroppedReported);
    }
}
