package io.sightline.query.alerting.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sightline.query.alerting.PostableAlert;
import io.sightline.storage.tsdb.Labels;

/**
 * The alerts of one receiver that share the values of its {@code group_by} labels, and the group's
 * timer, as Alertmanager's {@code dispatch.aggrGroup}: created with its first flush {@code group_wait}
 * ahead, flushed every {@code group_interval} after that; an alert that started more than
 * {@code group_wait} ago flushes a group that has never flushed at once. Guarded by the receiver's lock.
 */
final class AggregationGroup {
    /** An alert as the group holds it; {@code version} tells whether it changed since a flush took it. */
    record Stored(PostableAlert alert, long version) {
    }

    /** An alert in a flush: firing ones show no end (Alertmanager zeroes {@code endsAt}). */
    record Flushed(PostableAlert alert, boolean resolved, long version) {
    }

    final Labels groupLabels;
    final String key;
    private final Map<Labels, Stored> alerts = new HashMap<>();
    private long versions;
    /** When the timer fires next, Unix ms. */
    long nextFlushMs;
    boolean hasFlushed;
    /** The notification being delivered, or null; the group does not flush while one is. */
    PendingNotification pending;

    AggregationGroup(Labels groupLabels, String key, long nextFlushMs) {
        this.groupLabels = groupLabels;
        this.key = key;
        this.nextFlushMs = nextFlushMs;
    }

    void insert(PostableAlert alert, long nowMs, long groupWaitMs) {
        Stored old = alerts.get(alert.labels());
        PostableAlert merged = old == null ? alert : merge(old.alert(), alert, nowMs);
        alerts.put(alert.labels(), new Stored(merged, ++versions));
        if (!hasFlushed && alert.startsAtMs() + groupWaitMs < nowMs) {
            nextFlushMs = Math.min(nextFlushMs, nowMs);
        }
    }

    boolean isEmpty() {
        return alerts.isEmpty();
    }

    /** The alerts as a flush at {@code nowMs} sees them, in notification order. */
    List<Flushed> snapshot(long nowMs) {
        List<Flushed> out = new ArrayList<>(alerts.size());
        for (Stored stored : alerts.values()) {
            out.add(new Flushed(stored.alert(), stored.alert().resolvedAt(nowMs), stored.version()));
        }
        out.sort(Comparator.comparing(f -> f.alert().labels(), AlertOrder.INSTANCE));
        return out;
    }

    /** After a successful flush: forgets the resolved alerts it notified unless they changed since. */
    void deleteResolved(Collection<Flushed> flushed) {
        for (Flushed f : flushed) {
            Stored now = alerts.get(f.alert().labels());
            if (f.resolved() && now != null && now.version() == f.version()) {
                alerts.remove(f.alert().labels());
            }
        }
    }

    /**
     * Alertmanager's provider merges an update into the alert it holds when their activity ranges
     * overlap ({@code types.Alert.Merge}: the earliest start wins; a resolved update keeps the later of
     * two resolutions; a firing update never shortens the validity); otherwise the update replaces it.
     */
    static PostableAlert merge(PostableAlert old, PostableAlert update, long nowMs) {
        boolean overlaps = update.endsAtMs() > old.startsAtMs() && update.endsAtMs() < old.endsAtMs()
                || update.startsAtMs() > old.startsAtMs() && update.startsAtMs() < old.endsAtMs();
        if (!overlaps) {
            return update;
        }
        long startsAt = Math.min(old.startsAtMs(), update.startsAtMs());
        long endsAt = update.endsAtMs();
        if (update.resolvedAt(nowMs)) {
            if (old.resolvedAt(nowMs) && old.endsAtMs() > update.endsAtMs()) {
                endsAt = old.endsAtMs();
            }
        } else if (old.endsAtMs() > update.endsAtMs()) {
            endsAt = old.endsAtMs();
        }
        return new PostableAlert(update.labels(), update.annotations(), startsAt, endsAt, update.generatorUrl());
    }
}
