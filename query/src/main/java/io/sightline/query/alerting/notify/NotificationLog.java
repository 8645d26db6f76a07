package io.sightline.query.alerting.notify;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.sightline.storage.tsdb.Labels;

/**
 * What one receiver last notified per group key, Alertmanager's notification log ({@code nflog}): the
 * firing and resolved alerts of the last successful notification and when it happened. An entry
 * expires {@code 2 × repeat_interval} after it was written, as Alertmanager logs it; an expired entry
 * counts as none. In memory only (Alertmanager keeps it in a snapshot file): after a restart every group
 * is notified again. Guarded by the receiver's lock.
 */
final class NotificationLog {
    record Entry(Set<Labels> firing, Set<Labels> resolved, long timeMs, long expiresAtMs) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    Entry get(String groupKey, long nowMs) {
        Entry entry = entries.get(groupKey);
        if (entry != null && entry.expiresAtMs() <= nowMs) {
            entries.remove(groupKey);
            return null;
        }
        return entry;
    }

    void log(String groupKey, Set<Labels> firing, Set<Labels> resolved, long nowMs, long retentionMs) {
        entries.put(groupKey, new Entry(Set.copyOf(firing), Set.copyOf(resolved), nowMs, nowMs + retentionMs));
    }

    /** Drops expired entries, so groups that come and go do not grow the log without bound. */
    void expire(long nowMs) {
        entries.values().removeIf(e -> e.expiresAtMs() <= nowMs);
    }
}
