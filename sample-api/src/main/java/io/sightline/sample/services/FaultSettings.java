package io.sightline.sample.services;

import java.time.Duration;
import java.util.Objects;

/**
 * The faults one sample service injects into its own work, changeable at runtime (through
 * {@code PUT /admin/faults}, {@link SampleServices#setFaults} or the {@code --fault} flag) so a user
 * can make an incident and watch it being detected.
 *
 * @param errorRate share of requests, in [0, 1], that the service answers with 500 on purpose
 * @param addedLatency time added to every request the service handles (health and admin excluded)
 * @param dependencyLatency time added to every call to the service's dependency: for
 *     {@code frontend} and {@code orders} the next service over HTTP, for {@code inventory} its
 *     simulated database
 * @param dependencyErrorRate share of dependency calls, in [0, 1], that fail on purpose (the HTTP
 *     call is refused before it is sent; the database query throws)
 */
public record FaultSettings(double errorRate, Duration addedLatency, Duration dependencyLatency,
                            double dependencyErrorRate) {

    private static final FaultSettings NONE = new FaultSettings(0, Duration.ZERO, Duration.ZERO, 0);

    /** @throws IllegalArgumentException naming the field that is out of range */
    public FaultSettings {
        requireRate("errorRate", errorRate);
        requireRate("dependencyErrorRate", dependencyErrorRate);
        requireNotNegative("addedLatency", addedLatency);
        requireNotNegative("dependencyLatency", dependencyLatency);
    }

    /** No faults: the service behaves normally. */
    public static FaultSettings none() {
        return NONE;
    }

    public FaultSettings withErrorRate(double rate) {
        return new FaultSettings(rate, addedLatency, dependencyLatency, dependencyErrorRate);
    }

    public FaultSettings withAddedLatency(Duration latency) {
        return new FaultSettings(errorRate, latency, dependencyLatency, dependencyErrorRate);
    }

    public FaultSettings withDependencyLatency(Duration latency) {
        return new FaultSettings(errorRate, addedLatency, latency, dependencyErrorRate);
    }

    public FaultSettings withDependencyErrorRate(double rate) {
        return new FaultSettings(errorRate, addedLatency, dependencyLatency, rate);
    }

    /** Whether any fault is switched on. */
    public boolean active() {
        return !equals(NONE);
    }

    private static void requireRate(String field, double rate) {
        // The negated form also refuses NaN.
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(field + " must be between 0 and 1 (a share of requests), not " + rate);
        }
    }

    private static void requireNotNegative(String field, Duration duration) {
        Objects.requireNonNull(duration, field);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, not " + DurationText.format(duration));
        }
    }
}
