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
 * @param prometheus2Semantics   answer as Prometheus 2.x: range selectors, subqueries and the lookback
 *                               include a sample exactly at their start ({@code [t - range, t]}), and
 *                               rate/increase clip at a counter's zero point before the extrapolation
 *                               threshold test; false (the default) is Prometheus 3: left-open
 *                               {@code (t - range, t]}, zero point after the threshold
 * @param defaultSubqueryStep    the step of a subquery written without one, {@code x[1h:]} (Prometheus:
 *                               the global evaluation interval, default 1m)
 */
public record EngineConfig(Duration lookbackDelta, Duration timeout, long maxSamples, long maxSeries,
                           int maxPointsPerSeries, Duration defaultSubqueryStep, boolean prometheus2Semantics) {
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
                DEFAULT_MAX_POINTS_PER_SERIES, DEFAULT_SUBQUERY_STEP, false);
    }

    public EngineConfig withLookbackDelta(Duration d) {
        return new EngineConfig(d, timeout, maxSamples, maxSeries, maxPointsPerSeries, defaultSubqueryStep, prometheus2Semantics);
    }

    public EngineConfig withTimeout(Duration d) {
        return new EngineConfig(lookbackDelta, d, maxSamples, maxSeries, maxPointsPerSeries, defaultSubqueryStep, prometheus2Semantics);
    }

    public EngineConfig withMaxSamples(long n) {
        return new EngineConfig(lookbackDelta, timeout, n, maxSeries, maxPointsPerSeries, defaultSubqueryStep, prometheus2Semantics);
    }

    public EngineConfig withMaxSeries(long n) {
        return new EngineConfig(lookbackDelta, timeout, maxSamples, n, maxPointsPerSeries, defaultSubqueryStep, prometheus2Semantics);
    }

    public EngineConfig withMaxPointsPerSeries(int n) {
        return new EngineConfig(lookbackDelta, timeout, maxSamples, maxSeries, n, defaultSubqueryStep, prometheus2Semantics);
    }

    /** With Prometheus 2's closed windows ({@code [t - range, t]}) rather than Prometheus 3's left-open ones. */
    public EngineConfig withPrometheus2Semantics(boolean closed) {
        return new EngineConfig(lookbackDelta, timeout, maxSamples, maxSeries, maxPointsPerSeries, defaultSubqueryStep,
                closed);
    }

    public EngineConfig withDefaultSubqueryStep(Duration d) {
        return new EngineConfig(lookbackDelta, timeout, maxSamples, maxSeries, maxPointsPerSeries, d, prometheus2Semantics);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
