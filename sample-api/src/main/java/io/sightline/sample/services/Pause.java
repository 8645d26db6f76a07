package io.sightline.sample.services;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Simulated work and injected latency: the calling (virtual) thread waits. An interrupt ends the
 * wait early and keeps the thread's interrupt flag, so a server that stops is not held up.
 */
final class Pause {
    private Pause() {}

    static void of(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A random wait of {@code minMicros} to {@code maxMicros} microseconds: a little real work's time. */
    static void randomMicros(long minMicros, long maxMicros) {
        of(Duration.ofNanos(1_000 * ThreadLocalRandom.current().nextLong(minMicros, maxMicros + 1)));
    }
}
