package io.sightline.query.rules;

import java.util.Objects;

import io.sightline.storage.tsdb.Labels;

/**
 * A snapshot of one alert of an alerting rule. Times are Unix ms; {@link #NONE} = not set.
 *
 * @param labels            the alert's labels ({@code alertname} included, external labels not)
 * @param annotations       expanded annotations
 * @param activeAtMs        when the expression first returned it
 * @param firedAtMs         when it started firing
 * @param resolvedAtMs      when it resolved
 * @param keepFiringSinceMs since when {@code keep_firing_for} holds it firing
 * @param value             the expression's value at the last evaluation that returned it
 */
public record ActiveAlert(Labels labels, Labels annotations, AlertState state, long activeAtMs, long firedAtMs,
                          long resolvedAtMs, long keepFiringSinceMs, double value) {
    public static final long NONE = Long.MIN_VALUE;

    public ActiveAlert {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(state, "state");
    }
}
