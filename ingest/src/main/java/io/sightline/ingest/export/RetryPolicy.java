package io.sightline.ingest.export;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long an exporter waits before sending a batch again: exponential backoff from
 * {@code initial}, doubling per attempt up to {@code max}, with full jitter over the upper half
 * (a wait in [d/2, d]) so many instances recovering together do not retry in step. A target's
 * Retry-After (or gRPC RetryInfo) wins when it asks for longer, even beyond {@code max}: the server
 * knows its own recovery better.
 *
 * @param initial first wait (OTel SDKs: 1 s; Prometheus remote_write: 30 ms)
 * @param max     longest computed wait
 */
public record RetryPolicy(Duration initial, Duration max) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30));

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry backoff must be positive with max >= initial, was " + initial
                    + " and " + max);
        }
    }

    /** The wait before attempt {@code attempt + 1} (attempt 0 is the first retry). */
    Duration delay(int attempt, Duration retryAfter, RandomGenerator random) {
        long ceiling = initial.toMillis() << Math.min(attempt, 30);
        if (ceiling <= 0 || ceiling > max.toMillis()) {
            ceiling = max.toMillis();
        }
        long jittered = ceiling / 2 + random.nextLong(ceiling / 2 + 1);
        Duration computed = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(computed) > 0 ? retryAfter : computed;
    }
}
