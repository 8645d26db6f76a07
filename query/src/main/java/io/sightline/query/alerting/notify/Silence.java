package io.sightline.query.alerting.notify;

import java.util.List;
import java.util.Objects;

import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/**
 * One silence, as Alertmanager's: alerts whose labels all its matchers match are muted while it is
 * active ({@code startsAt ≤ now < endsAt}). Immutable.
 *
 * @param id          a UUID; empty in a request that creates one
 * @param matchers    at least one, not all matching the empty string
 * @param startsAtMs  Unix ms
 * @param endsAtMs    Unix ms, not before {@code startsAtMs}
 * @param updatedAtMs when it was last written, Unix ms (0 in a request)
 * @param createdBy   who made it
 * @param comment     why
 */
public record Silence(String id, List<LabelMatcher> matchers, long startsAtMs, long endsAtMs, long updatedAtMs,
                      String createdBy, String comment) {
    /** Alertmanager's silence states, named as its API writes them. */
    public enum State {
        PENDING, ACTIVE, EXPIRED;

        public String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Silence {
        Objects.requireNonNull(id, "id");
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(comment, "comment");
    }

    /** Alertmanager's {@code CalcSilenceState}. */
    public State state(long nowMs) {
        if (nowMs < startsAtMs) {
            return State.PENDING;
        }
        return nowMs < endsAtMs ? State.ACTIVE : State.EXPIRED;
    }

    public boolean matches(Labels labels) {
        return AlertmanagerMatchers.matchesAll(matchers, labels);
    }

    Silence withId(String newId) {
        return new Silence(newId, matchers, startsAtMs, endsAtMs, updatedAtMs, createdBy, comment);
    }

    Silence withTimes(long startsAt, long endsAt, long updatedAt) {
        return new Silence(id, matchers, startsAt, endsAt, updatedAt, createdBy, comment);
    }
}
