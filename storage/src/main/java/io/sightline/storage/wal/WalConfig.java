package io.sightline.storage.wal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one write-ahead log.
 *
 * @param directory      folder of the queue's files (created when missing)
 * @param syncPolicy     when writes are forced to disk
 * @param syncInterval   with {@link SyncPolicy#PERIODIC}, the longest time a write stays unforced
 * @param retentionAge   with no consumer registered, cycle files older than this are deleted
 * @param retentionBytes with no consumer registered, oldest cycle files are deleted while the
 *                       log is larger than this; 0 means no size bound
 */
public record WalConfig(Path directory, SyncPolicy syncPolicy, Duration syncInterval, Duration retentionAge,
                        long retentionBytes) {
    public WalConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(syncPolicy, "syncPolicy");
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("syncInterval must be positive, was " + syncInterval);
        }
        if (retentionBytes < 0) {
            throw new IllegalArgumentException("retentionBytes must be >= 0, was " + retentionBytes);
        }
    }

    /** Defaults suited to tests: periodic sync every second, a day of retention, no size bound. */
    public static WalConfig defaults(Path directory) {
        return new WalConfig(directory, SyncPolicy.PERIODIC, Duration.ofSeconds(1), Duration.ofDays(1), 0);
    }
}
