package io.sightline.query.alerting.notify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.sightline.storage.tsdb.Labels;

/**
 * What each webhook receiver last notified per group key, Alertmanager's notification log ({@code nflog}):
 * the firing and resolved alerts of the last successful notification and when it happened. The receivers'
 * dedup decision reads it, so after a restart a group whose alerts were notified is not notified again
 * before {@code repeat_interval} (or a change of its alerts).
 *
 * <p>An entry expires {@code min(retention, 2 × repeat_interval)} after it was written, as Alertmanager
 * logs it; an expired entry counts as none and is dropped by the next {@link #maintenance}. With a
 * directory configured the log is read from {@code nflog.json} when built (expired entries left out) and
 * written there by {@link #maintenance} (every {@link NotificationLogConfig#snapshotInterval()}) and by
 * {@link #snapshot} (when the notifier closes), as Alertmanager snapshots its {@code nflog} file; a crash
 * loses what was logged since the last write. Entries of receivers no longer configured stay until they
 * expire, as in Alertmanager, so removing and re-adding a receiver does not re-notify.
 *
 * <p>Thread-safe: the entries under this object's lock (taken inside a receiver's lock), file writes under
 * a second lock taken first, so snapshots reach the file in the order they were taken.
 */
final class NotificationLog {
    /** One receiver's last notification of one group; times are Unix ms. */
    record Entry(String receiver, String groupKey, Set<Labels> firing, Set<Labels> resolved, long timeMs,
                 long expiresAtMs) {
        Entry {
            firing = Set.copyOf(firing);
            resolved = Set.copyOf(resolved);
        }
    }

    private record Key(String receiver, String groupKey) {
    }

    private final long retentionMs;
    private final Optional<NotificationLogFile> file;
    private final Map<Key, Entry> entries = new HashMap<>();
    private final Object writeLock = new Object();

    /**
     * Reads the entries persisted in the configured directory that have not expired at {@code nowMs}.
     *
     * @throws java.io.UncheckedIOException when the file cannot be read
     * @throws IllegalStateException        naming the file when it is not a notification log or fails its checksum
     */
    NotificationLog(NotificationLogConfig config, long nowMs) {
        this.retentionMs = config.retention().toMillis();
        this.file = config.directory().map(NotificationLogFile::new);
        for (Entry entry : file.map(NotificationLogFile::read).orElse(List.of())) {
            if (entry.expiresAtMs() > nowMs) {
                entries.merge(new Key(entry.receiver(), entry.groupKey()), entry,
                        (a, b) -> a.timeMs() >= b.timeMs() ? a : b);
            }
        }
    }

    /** In memory only, Alertmanager's default retention. */
    static NotificationLog inMemory() {
        return new NotificationLog(NotificationLogConfig.IN_MEMORY, 0);
    }

    /** The receiver's last notification of the group, or null when there is none that has not expired. */
    synchronized Entry get(String receiver, String groupKey, long nowMs) {
        Entry entry = entries.get(new Key(receiver, groupKey));
        return entry == null || entry.expiresAtMs() <= nowMs ? null : entry;
    }

    /**
     * Records a notification at {@code nowMs}, replacing the group's previous entry.
     *
     * @param expiryMs the receiver's wish ({@code 2 × repeat_interval}); the retention caps it
     */
    synchronized void log(String receiver, String groupKey, Set<Labels> firing, Set<Labels> resolved, long nowMs,
                          long expiryMs) {
        long lifetimeMs = Math.min(retentionMs, expiryMs);
        entries.put(new Key(receiver, groupKey), new Entry(receiver, groupKey, firing, resolved, nowMs,
                nowMs + lifetimeMs));
    }

    synchronized int size() {
        return entries.size();
    }

    /**
     * Drops the entries expired at {@code nowMs}, then writes the log (when persisted).
     *
     * @return how many entries were dropped
     * @throws java.io.UncheckedIOException when the file cannot be written (the entries stay in memory)
     */
    int maintenance(long nowMs) {
        int dropped;
        synchronized (this) {
            int before = entries.size();
            entries.values().removeIf(e -> e.expiresAtMs() <= nowMs);
            dropped = before - entries.size();
        }
        snapshot();
        return dropped;
    }

    /**
     * Writes every entry to {@code nflog.json} (when persisted).
     *
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    void snapshot() {
        if (file.isEmpty()) {
            return;
        }
        synchronized (writeLock) {
            List<Entry> copy;
            synchronized (this) {
                copy = new ArrayList<>(entries.values());
            }
            copy.sort(Comparator.comparing(Entry::receiver).thenComparing(Entry::groupKey));
            file.get().write(copy);
        }
    }
}
