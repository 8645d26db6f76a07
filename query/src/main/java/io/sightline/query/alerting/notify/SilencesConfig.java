package io.sightline.query.alerting.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Bounds and persistence of the {@link Silences} store.
 *
 * @param maxSilences most silences kept, expired ones included (Alertmanager's
 *                    {@code --silences.max-silences}); default 10,000
 * @param retention   how long an expired silence stays listed before it is dropped (Alertmanager's
 *                    {@code --data.retention}); default 120h
 * @param directory   where {@code silences.json} is written on every change and read at start; empty:
 *                    silences live in memory only
 */
public record SilencesConfig(int maxSilences, Duration retention, Optional<Path> directory) {
    public static final int DEFAULT_MAX_SILENCES = 10_000;
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(120);

    /** In memory only, default bounds. */
    public static final SilencesConfig IN_MEMORY = new SilencesConfig(DEFAULT_MAX_SILENCES, DEFAULT_RETENTION,
            Optional.empty());

    public SilencesConfig {
        if (maxSilences <= 0) {
            throw new IllegalArgumentException("maxSilences must be positive: " + maxSilences);
        }
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative: " + retention);
        }
        Objects.requireNonNull(directory, "directory");
    }

    /** Default bounds, persisted in {@code directory}. */
    public static SilencesConfig persistedIn(Path directory) {
        return new SilencesConfig(DEFAULT_MAX_SILENCES, DEFAULT_RETENTION, Optional.of(directory));
    }
}
