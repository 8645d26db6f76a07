package io.sightline.query.alerting.notify;

/**
 * A silence request that cannot be done; {@link #kind} says how the API answers it: an invalid silence
 * 400, an unknown id 404, the silence limit reached 400 (as Alertmanager's limit error). The message is
 * Alertmanager's text.
 */
public final class SilenceException extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND, LIMIT }

    private final Kind kind;

    SilenceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
