package io.sightline.query.logs;

import java.time.Duration;

/**
 * Bounds on one log search.
 *
 * @param maxLimit the largest page a request may ask for ({@code query.max-log-limit})
 * @param timeout  the longest a search may run ({@code query.timeout})
 */
public record LogSearchLimits(int maxLimit, Duration timeout) {
    public LogSearchLimits {
        if (maxLimit < 1) {
            throw new IllegalArgumentException("maxLimit must be at least 1, was " + maxLimit);
        }
    }
}
