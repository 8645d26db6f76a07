package io.sightline.query.alerting.notify;

import java.util.Objects;

/**
 * One entry of a webhook receiver's delivery log: an HTTP attempt to deliver one notification, or
 * giving up on it.
 *
 * @param timeMs     when the attempt ended (or retrying was given up), Unix ms on the dispatcher's clock
 * @param groupKey   the aggregation group's key, as the payload's {@code groupKey}
 * @param outcome    what came of it
 * @param attempt    1 for the first attempt of a notification, 2 for its first retry...; for
 *                   {@link Outcome#GAVE_UP} the attempts made
 * @param httpStatus the receiver's HTTP status, 0 when there was no answer
 * @param error      what went wrong (empty when delivered): {@code unexpected status code 500}, a
 *                   connection error, or why retrying stopped
 * @param alerts     alerts in the payload (after {@code max_alerts})
 */
public record DeliveryAttempt(long timeMs, String groupKey, Outcome outcome, int attempt, int httpStatus, String error,
                              int alerts) {
    public DeliveryAttempt {
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(error, "error");
    }

    public enum Outcome {
        /** A 2xx answer: the notification is delivered. */
        DELIVERED,
        /** A 5xx answer or a connection error: another attempt follows after a backoff. */
        RETRYING,
        /** A 4xx (or other non-retriable) answer, or the last allowed attempt failed: not retried. */
        FAILED,
        /** The retry deadline passed before another attempt; the group is notified again at its next flush. */
        GAVE_UP
    }
}
