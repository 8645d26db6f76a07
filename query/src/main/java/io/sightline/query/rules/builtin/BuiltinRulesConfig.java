package io.sightline.query.rules.builtin;

import java.util.Objects;

/**
 * The built-in RED rule pack's settings: each rule can be switched off and has its threshold,
 * rate window, {@code for} and {@code severity}. Durations in ms. Immutable.
 *
 * @param groupName      the rule group's name (default {@value #DEFAULT_GROUP_NAME})
 * @param intervalMs     the group's evaluation interval; 0 = the evaluator's default (default 0)
 * @param errorRatio     failing SERVER spans of a service
 * @param latency        a high quantile of SERVER span durations of a service
 * @param throughputDrop a service's SERVER span rate against its own rate some time before
 */
public record BuiltinRulesConfig(String groupName, long intervalMs, ErrorRatio errorRatio, Latency latency,
                                 ThroughputDrop throughputDrop) {
    public static final String DEFAULT_GROUP_NAME = "sightline-red";
    static final long MINUTE = 60_000;

    public BuiltinRulesConfig {
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(errorRatio, "errorRatio");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(throughputDrop, "throughputDrop");
        if (groupName.isEmpty() || intervalMs < 0) {
            throw new IllegalArgumentException("the group needs a name and a non-negative interval");
        }
    }

    /** Every rule on, with the defaults documented on each rule's record. */
    public static BuiltinRulesConfig defaults() {
        return new BuiltinRulesConfig(DEFAULT_GROUP_NAME, 0, ErrorRatio.defaults(), Latency.defaults(),
                ThroughputDrop.defaults());
    }

    public BuiltinRulesConfig withErrorRatio(ErrorRatio rule) {
        return new BuiltinRulesConfig(groupName, intervalMs, rule, latency, throughputDrop);
    }

    public BuiltinRulesConfig withLatency(Latency rule) {
        return new BuiltinRulesConfig(groupName, intervalMs, errorRatio, rule, throughputDrop);
    }

    public BuiltinRulesConfig withThroughputDrop(ThroughputDrop rule) {
        return new BuiltinRulesConfig(groupName, intervalMs, errorRatio, latency, rule);
    }

    /**
     * {@code ServiceHighErrorRatio}: the share of a service's SERVER spans with status
     * {@code STATUS_CODE_ERROR} over {@code windowMs} is above {@code threshold} for {@code forMs}.
     * Defaults: on, 0.05 (5%), 5m window, for 5m, severity {@code warning}.
     */
    public record ErrorRatio(boolean enabled, double threshold, long windowMs, long forMs, String severity) {
        public ErrorRatio {
            check(threshold > 0 && threshold < 1, "error ratio threshold must be above 0 and below 1");
            checkCommon(windowMs, forMs, severity);
        }

        public static ErrorRatio defaults() {
            return new ErrorRatio(true, 0.05, 5 * MINUTE, 5 * MINUTE, "warning");
        }

        public ErrorRatio withEnabled(boolean on) {
            return new ErrorRatio(on, threshold, windowMs, forMs, severity);
        }

        public ErrorRatio withThreshold(double ratio) {
            return new ErrorRatio(enabled, ratio, windowMs, forMs, severity);
        }
    }

    /**
     * {@code ServiceHighLatency}: the {@code quantile} of a service's SERVER span durations over
     * {@code windowMs}, from the span-metrics histogram, is above {@code thresholdSeconds} for
     * {@code forMs}. Defaults: on, quantile 0.99, 1 s, 5m window, for 5m, severity {@code warning}.
     */
    public record Latency(boolean enabled, double quantile, double thresholdSeconds, long windowMs, long forMs,
                          String severity) {
        public Latency {
            check(quantile > 0 && quantile < 1, "latency quantile must be above 0 and below 1");
            check(thresholdSeconds > 0 && Double.isFinite(thresholdSeconds), "latency threshold must be positive seconds");
            checkCommon(windowMs, forMs, severity);
        }

        public static Latency defaults() {
            return new Latency(true, 0.99, 1.0, 5 * MINUTE, 5 * MINUTE, "warning");
        }

        public Latency withEnabled(boolean on) {
            return new Latency(on, quantile, thresholdSeconds, windowMs, forMs, severity);
        }

        public Latency withThresholdSeconds(double seconds) {
            return new Latency(enabled, quantile, seconds, windowMs, forMs, severity);
        }
    }

    /**
     * {@code ServiceThroughputDrop}: a service's SERVER span rate over {@code windowMs} is below
     * {@code dropRatio} × its rate {@code comparedWithMs} earlier, for {@code forMs}; only services that
     * had at least {@code minRequestsPerSecond} then (so idle services never alert). A service that
     * stopped sending spans altogether counts as a rate of 0. Defaults: on, 0.5 (half), 1h earlier,
     * at least 0.1 calls/s, 5m window, for 10m, severity {@code warning}.
     */
    public record ThroughputDrop(boolean enabled, double dropRatio, long comparedWithMs, double minRequestsPerSecond,
                                 long windowMs, long forMs, String severity) {
        public ThroughputDrop {
            check(dropRatio > 0 && dropRatio < 1, "throughput drop ratio must be above 0 and below 1");
            check(comparedWithMs > 0, "throughput comparison offset must be positive");
            check(minRequestsPerSecond >= 0 && Double.isFinite(minRequestsPerSecond),
                    "throughput guard must be a non-negative rate");
            checkCommon(windowMs, forMs, severity);
        }

        public static ThroughputDrop defaults() {
            return new ThroughputDrop(true, 0.5, 60 * MINUTE, 0.1, 5 * MINUTE, 10 * MINUTE, "warning");
        }

        public ThroughputDrop withEnabled(boolean on) {
            return new ThroughputDrop(on, dropRatio, comparedWithMs, minRequestsPerSecond, windowMs, forMs, severity);
        }

        public ThroughputDrop withMinRequestsPerSecond(double rate) {
            return new ThroughputDrop(enabled, dropRatio, comparedWithMs, rate, windowMs, forMs, severity);
        }
    }

    private static void checkCommon(long windowMs, long forMs, String severity) {
        Objects.requireNonNull(severity, "severity");
        check(windowMs > 0, "rate window must be positive");
        check(forMs >= 0, "for must not be negative");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
