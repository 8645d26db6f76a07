package io.sightline.query.alerting.notify;

import java.util.List;
import java.util.Set;

import io.sightline.storage.tsdb.Labels;

/**
 * One flush's notification while it is being delivered (and retried): the payload, what to log when it
 * arrives, and the retry state. Guarded by the receiver's lock.
 */
final class PendingNotification {
    final List<AggregationGroup.Flushed> flushed;
    final Set<Labels> firing;
    final Set<Labels> resolved;
    final byte[] payload;
    final int alerts;
    final long startedMs;
    int attempts;
    long nextAttemptMs;
    boolean requestRunning;

    PendingNotification(List<AggregationGroup.Flushed> flushed, Set<Labels> firing, Set<Labels> resolved,
                        byte[] payload, int alerts, long startedMs) {
        this.flushed = flushed;
        this.firing = firing;
        this.resolved = resolved;
        this.payload = payload;
        this.alerts = alerts;
        this.startedMs = startedMs;
        this.nextAttemptMs = startedMs;
    }
}
