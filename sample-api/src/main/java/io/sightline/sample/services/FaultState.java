package io.sightline.sample.services;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One service's current {@link FaultSettings} and the decisions drawn from them. Settings change
 * atomically (a volatile reference to an immutable record), so a request sees one consistent set.
 * Thread-safe.
 */
final class FaultState {
    private final String service;
    private volatile FaultSettings settings;

    FaultState(String service, FaultSettings initial) {
        this.service = service;
        this.settings = Objects.requireNonNull(initial, "initial");
    }

    FaultSettings settings() {
        return settings;
    }

    void set(FaultSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Waits {@code addedLatency}, then throws for {@code errorRate} of the calls. */
    void beforeRequest() {
        FaultSettings now = settings;
        Pause.of(now.addedLatency());
        if (draw(now.errorRate())) {
            throw new InjectedFaultException("injected fault: " + service + " fails " + percent(now.errorRate())
                    + " of its requests");
        }
    }

    /** Waits {@code dependencyLatency}, then throws for {@code dependencyErrorRate} of the calls. */
    void beforeDependencyCall(String dependency) {
        FaultSettings now = settings;
        Pause.of(now.dependencyLatency());
        if (draw(now.dependencyErrorRate())) {
            throw new InjectedFaultException("injected fault: " + service + "'s calls to " + dependency + " fail "
                    + percent(now.dependencyErrorRate()) + " of the time");
        }
    }

    /** True for a share {@code rate} of calls; never for 0, always for 1. */
    private static boolean draw(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    private static String percent(double rate) {
        return Math.round(rate * 1000) / 10.0 + "%";
    }
}
