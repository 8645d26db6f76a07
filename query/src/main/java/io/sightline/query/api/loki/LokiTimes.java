package io.sightline.query.api.loki;

import java.time.Instant;
import java.time.InstantSource;

/** "Now" in Unix epoch nanoseconds from the injected clock. */
final class LokiTimes {
    private LokiTimes() {
    }

    static long nanos(InstantSource clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
