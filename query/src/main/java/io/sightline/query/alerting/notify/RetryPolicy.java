package io.sightline.query.alerting.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a webhook notification is retried after a 5xx answer or a connection error (4xx and other
 * answers are not retried), after Alertmanager's retry stage: the first attempt at once, then waits
 * growing exponentially as cenkalti/backoff's defaults do, the whole bounded by a deadline.
 *
 * @param initialBackoff wait after the first failed attempt before randomization (Alertmanager: 500 ms)
 * @param multiplier     growth of the wait per attempt (Alertmanager: 1.5)
 * @param maxBackoff     cap of a wait before randomization (Alertmanager: 60 s)
 * @param jitter         randomization factor: a wait is drawn uniformly from wait × [1 − jitter, 1 + jitter]
 *                       (Alertmanager: 0.5; 0 makes waits exact)
 * @param maxAttempts    attempts in all, 0 for no limit but the deadline (Alertmanager: no limit)
 * @param maxElapsed     deadline after the first attempt for starting another one; {@link Duration#ZERO}
 *                       means Alertmanager's: the receiver's {@code group_interval}, at least 10 s and at
 *                       most 15 min (its flush context and cenkalti's MaxElapsedTime)
 */
public record RetryPolicy(Duration initialBackoff, double multiplier, Duration maxBackoff, double jitter,
                          int maxAttempts, Duration maxElapsed) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), 1.5, Duration.ofSeconds(60), 0.5,
            0, Duration.ZERO);

    /** Alertmanager's smallest flush deadline (notify.MinTimeout). */
    static final Duration MIN_DEADLINE = Duration.ofSeconds(10);
    /** cenkalti/backoff's DefaultMaxElapsedTime, after which Alertmanager's retry ticker stops. */
    static final Duration MAX_DEADLINE = Duration.ofMinutes(15);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff: " + initialBackoff + ", " + maxBackoff);
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be 0 (no limit) or positive: " + maxAttempts);
        }
        if (maxElapsed.isNegative()) {
            throw new IllegalArgumentException("maxElapsed must not be negative: " + maxElapsed);
        }
    }

    /** The wait in ms after failed attempt number {@code attempt} (1-based). */
    long backoffMs(int attempt, RandomGenerator random) {
        double wait = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
        wait = Math.min(wait, maxBackoff.toMillis());
        if (jitter > 0) {
            wait = wait * (1 - jitter + 2 * jitter * random.nextDouble());
        }
        return Math.round(wait);
    }

    /** The deadline in ms for a receiver whose group interval is {@code groupInterval}. */
    long deadlineMs(Duration groupInterval) {
        if (!maxElapsed.isZero()) {
            return maxElapsed.toMillis();
        }
        long ms = Math.max(groupInterval.toMillis(), MIN_DEADLINE.toMillis());
        return Math.min(ms, MAX_DEADLINE.toMillis());
    }
}
