package io.sightline.query.alerting.notify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sightline.query.alerting.PostableAlert;
import io.sightline.storage.tsdb.Labels;

/**
 * Every alert the built-in notifier has been given, by label set, as Alertmanager's alert provider:
 * updates merge as {@link AggregationGroup} merges them, resolved alerts are dropped by {@link #gc} (its
 * {@code --alerts.gc-interval}). The API lists it and inhibition looks for source alerts in it. Bounded:
 * new label sets past {@code maxAlerts} are dropped and counted. Thread-safe.
 */
final class AlertStore {
    /** An alert and when it was last received, Unix ms. */
    record Entry(PostableAlert alert, long updatedAtMs) {
    }

    private final int maxAlerts;
    private final Map<Labels, Entry> alerts = new HashMap<>();
    private volatile List<Entry> snapshot = List.of();
    private long dropped;

    AlertStore(int maxAlerts) {
        this.maxAlerts = maxAlerts;
    }

    synchronized void put(List<PostableAlert> update, long nowMs) {
        for (PostableAlert alert : update) {
            if (alert.labels().isEmpty()) {
                continue;
            }
            Entry old = alerts.get(alert.labels());
            if (old == null && alerts.size() >= maxAlerts) {
                dropped++;
                continue;
            }
            PostableAlert merged = old == null ? alert : AggregationGroup.merge(old.alert(), alert, nowMs);
            alerts.put(alert.labels(), new Entry(merged, nowMs));
        }
        snapshot = List.copyOf(alerts.values());
    }

    /** Drops alerts resolved at {@code nowMs}. */
    synchronized void gc(long nowMs) {
        if (alerts.values().removeIf(e -> e.alert().resolvedAt(nowMs))) {
            snapshot = List.copyOf(alerts.values());
        }
    }

    List<Entry> snapshot() {
        return snapshot;
    }

    synchronized long dropped() {
        return dropped;
    }

    List<Entry> firing(long nowMs) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : snapshot) {
            if (!e.alert().resolvedAt(nowMs)) {
                out.add(e);
            }
        }
        return out;
    }
}
