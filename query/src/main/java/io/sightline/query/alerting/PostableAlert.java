package io.sightline.query.alerting;

import java.util.Objects;

import io.sightline.storage.tsdb.Labels;

/**
 * One alert as the rule engine sends it out, in the shape of Alertmanager's API v2 "postable alert":
 * what a notifier delivers (to an Alertmanager as is, or through the built-in webhook dispatcher).
 * Prometheus sends firing alerts again every resend delay with {@code endsAt} moved ahead, and a
 * resolved alert with {@code endsAt} at its resolution; a receiver tells the two by {@code endsAt}
 * against its clock.
 *
 * @param labels       the alert's identity, {@code alertname} included (external labels added)
 * @param annotations  expanded annotations
 * @param startsAtMs   when it started firing, Unix ms
 * @param endsAtMs     when it resolved, or until when it is valid while firing, Unix ms
 * @param generatorUrl a link to the expression that produced it (empty when none is configured)
 */
public record PostableAlert(Labels labels, Labels annotations, long startsAtMs, long endsAtMs, String generatorUrl) {
    public PostableAlert {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(generatorUrl, "generatorUrl");
    }

    /** The {@code alertname} label, or empty. */
    public String name() {
        String name = labels.get("alertname");
        return name == null ? "" : name;
    }

    /** Whether it has resolved by {@code nowMs} (Alertmanager's rule: {@code endsAt} is not after now). */
    public boolean resolvedAt(long nowMs) {
        return endsAtMs <= nowMs;
    }
}
