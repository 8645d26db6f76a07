package io.sightline.ui.services;

import java.time.Duration;

/**
 * How much the service page reads.
 *
 * @param recentErrors    error log records shown, newest first (default 20)
 * @param traceCandidates traces of the service searched for the slowest, newest first, among its slow tail
 *                        (spans over its p95) when it has one (default 100: each is read whole)
 * @param slowestTraces   slowest traces shown (default 10)
 * @param operations      operations shown, by impact (default 50)
 * @param timeout         longest a log or trace search may take (default 5 s)
 */
public record ServicePageLimits(int recentErrors, int traceCandidates, int slowestTraces, int operations,
                                Duration timeout) {
    public static final ServicePageLimits DEFAULTS = new ServicePageLimits(20, 100, 10, 50, Duration.ofSeconds(5));

    public ServicePageLimits {
        if (recentErrors < 1 || traceCandidates < 1 || slowestTraces < 1 || operations < 1) {
            throw new IllegalArgumentException("service page limits must be at least 1");
        }
    }
}
