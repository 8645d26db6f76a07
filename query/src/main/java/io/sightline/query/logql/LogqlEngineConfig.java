package io.sightline.query.logql;

/**
 * Bounds of the LogQL engine, Loki's limits of the same name where there is one.
 *
 * @param maxSeries       series a metric query may answer (Loki's {@code max_query_series}, default 500)
 * @param maxEntries      largest {@code limit} a log query may ask (Loki's
 *                        {@code max_entries_limit_per_query}, default 5000)
 * @param maxSamples      samples one range aggregation may hold in memory while a query runs
 *                        (default 10,000,000: ~160 MB of time/value pairs; Loki streams instead and
 *                        has no such limit)
 */
public record LogqlEngineConfig(int maxSeries, int maxEntries, long maxSamples) {
    public static final int DEFAULT_MAX_SERIES = 500;
    public static final int DEFAULT_MAX_ENTRIES = 5000;
    public static final long DEFAULT_MAX_SAMPLES = 10_000_000;

    public LogqlEngineConfig {
        if (maxSeries < 1 || maxEntries < 1 || maxSamples < 1) {
            throw new IllegalArgumentException("LogQL limits must be at least 1: maxSeries=" + maxSeries
                    + ", maxEntries=" + maxEntries + ", maxSamples=" + maxSamples);
        }
    }

    public static LogqlEngineConfig defaults() {
        return new LogqlEngineConfig(DEFAULT_MAX_SERIES, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_SAMPLES);
    }
}
