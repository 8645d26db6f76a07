package io.sightline.query.alerting.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Lifetime and persistence of the webhook receivers' {@link NotificationLog}, as Alertmanager's
 * {@code nflog} options.
 *
 * @param retention        longest an entry is kept: an entry expires {@code min(retention, 2 × repeat_interval)}
 *                         after its notification (Alertmanager's {@code --data.retention}); default 120h
 * @param snapshotInterval how often expired entries are dropped and the log is written to {@code nflog.json}
 *                         (Alertmanager's {@code --data.maintenance-interval}); default 15m. It is also written
 *                         when the notifier closes, so only a crash loses up to this much of the log
 * @param directory        where {@code nflog.json} is read at start and written; empty: in memory only, every
 *                         group is notified again after a restart
 */
public record NotificationLogConfig(Duration retention, Duration snapshotInterval, Optional<Path> directory) {
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(120);
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofMinutes(15);

    /** In memory only, default retention. */
    public static final NotificationLogConfig IN_MEMORY = new NotificationLogConfig(DEFAULT_RETENTION,
            DEFAULT_SNAPSHOT_INTERVAL, Optional.empty());

    public NotificationLogConfig {
        positive("retention", retention);
        positive("snapshotInterval", snapshotInterval);
        Objects.requireNonNull(directory, "directory");
    }

    /** Default retention and interval, persisted in {@code directory}. */
    public static NotificationLogConfig persistedIn(Path directory) {
        return new NotificationLogConfig(DEFAULT_RETENTION, DEFAULT_SNAPSHOT_INTERVAL, Optional.of(directory));
    }

    public NotificationLogConfig withRetention(Duration newRetention) {
        return new NotificationLogConfig(newRetention, snapshotInterval, directory);
    }

    public NotificationLogConfig withSnapshotInterval(Duration newInterval) {
        return new NotificationLogConfig(retention, newInterval, directory);
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
