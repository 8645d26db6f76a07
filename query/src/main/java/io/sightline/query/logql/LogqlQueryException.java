package io.sightline.query.logql;

/**
 * Why a LogQL evaluation failed, in the classes Loki's API answers differently: a bad query or
 * parameter (400), a limit the query would pass (400, naming the limit), the time bound (504, as
 * Loki).
 */
public final class LogqlQueryException extends RuntimeException {
    /** The answer class. */
    public enum Kind { BAD_QUERY, LIMIT, TIMEOUT }

    private final Kind kind;

    public LogqlQueryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public LogqlQueryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
