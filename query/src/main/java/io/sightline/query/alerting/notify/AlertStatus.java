package io.sightline.query.alerting.notify;

import java.util.List;

/**
 * Whether an alert is muted, and by what, as Alertmanager's API {@code status} shows it.
 *
 * @param silencedBy  ids of the active silences matching it, sorted
 * @param inhibitedBy fingerprints (16 hex digits) of the alerts inhibiting it
 */
public record AlertStatus(List<String> silencedBy, List<String> inhibitedBy) {
    public static final AlertStatus ACTIVE = new AlertStatus(List.of(), List.of());

    public AlertStatus {
        silencedBy = List.copyOf(silencedBy);
        inhibitedBy = List.copyOf(inhibitedBy);
    }

    public boolean muted() {
        return !silencedBy.isEmpty() || !inhibitedBy.isEmpty();
    }

    /** {@code active} or {@code suppressed} (never {@code unprocessed}: the status is computed when asked). */
    public String state() {
        return muted() ? "suppressed" : "active";
    }
}
