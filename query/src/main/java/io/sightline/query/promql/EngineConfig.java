package io.sightline.query.promql;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and defaults of the PromQL engine. Every field has a documented default
 * ({@link #defaults()}), taken from Prometheus where Prometheus has one.
 *
 * @param lookbackDelta          how far back an instant selector looks for a sample (Prometheus
 *                               {@code --query.lookback-delta}, default 5m)
 * @param timeout                the longest one query may evaluate ({@code --query.timeout}, default 2m)
 * @param maxSamples             the most samples one query may hold in memory at once
 *                               ({@code --query.max-samples}, default 50,000,000)
 * @param maxSeries              the most series one query may select from storage, over all its
 *                               selectors (Sightline's own guard, default 1,000,000)
 * @param maxPointsPerSeries     the most steps of a range query (Prometheus's API: 11,000)
 * @param defaultSubqueryStep    the step of a subquery written without one, {@code x[1h:]} (Prometheus:
 *                               the global evaluation interval, default 1m)
 */
public record EngineConfig(Duration lookbackDelta, Duration timeout, long maxSamples, long maxSeries,
                           int maxPointsPerSeries, Duration defaultSubqueryStep) {
    public static final Duration DEFAULT_LOOKBACK_DELTA = Duration.ofMinutes(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    public static final long DEFAULT_MAX_SAMPLES = 50_000_000;
    public static final long DEFAULT_MAX_SERIES = 1_000_000;
    public static final int DEFAULT_MAX_POINTS_PER_SERIES = 11_000;
    public static final Duration DEFAULT_SUBQUERY_STEP = Duration.ofMinutes(1);

    public EngineConfig {
        Objects.requireNonNull(lookbackDelta, "lookbackDelta");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(defaultSubqueryStep, "defaultSubqueryStep");
        requirePositive("lookbackDelta", lookbackDelta.toMillis());
        requirePositive("timeout", timeout.toMillis());
        requirePositive("maxSamples", maxSamples);
        requirePositive("maxSeries", maxSeries);
        requirePositive("maxPointsPerSeries", maxPointsPerSeries);
        requirePositive("defaultSubqueryStep", defaultSubqueryStep.toMillis());
    }

    public static EngineConfig defaults() {
        return new EngineConfig(DEFAULT_LOOKBACK_DELTA, DEFAULT_TIMEOUT, DEFAULT_MAX_SAMPLES, DEFAULT_MAX_SERIES,
                DEFAULT_MAX_POINTS_PER_SERIES, DEFAULT_SUBQUERY_STEP);
    }

    public EngineConfig withLookbackDelta(Duration d) {
        return new EngineConfig(d, timeout, maxSamples, maxSeries, maxPointsPerSeries, defaultSubqueryStep);
    }

    public EngineConfig withTimeout(Duration d) {
        return new EngineConfig(lookbackDelta, d, maxSamples, maxSeries, maxPointsPerSeries, defaultSubqueryStep);
    }

    public EngineConfig withMaxSamples(long n) {
        return new EngineConfig(lookbackDelta, timeout, n, maxSeries, maxPointsPerSeries, defaultSubqueryStep);
    }

    public EngineConfig withMaxSeries(long n) {
        return new EngineConfig(lookbackDelta, timeout, maxSamples, n, maxPointsPerSeries, defaultSubqueryStep);
    }

    public EngineConfig withMaxPointsPerSeries(int n) {
        return new EngineConfig(lookbackDelta, timeout, maxSamples, maxSeries, n, defaultSubqueryStep);
    }

    public EngineConfig withDefaultSubqueryStep(Duration d) {
        return new EngineConfig(lookbackDelta, timeout, maxSamples, maxSeries, maxPointsPerSeries, d);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
