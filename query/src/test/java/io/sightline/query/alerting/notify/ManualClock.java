package io.sightline.query.alerting.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move by hand. Thread-safe. */
final class ManualClock implements InstantSource {
    private volatile long millis;

    ManualClock(long millis) {
        this.millis = millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
        return millis;
    }

    void advance(Duration by) {
        millis += by.toMillis();
    }
}
