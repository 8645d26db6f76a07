package io.sightline.storage.logs;

/** A scan went past a limit of the store ({@link LogStoreConfig}) or its own timeout. */
public final class LogScanLimitException extends RuntimeException {
    private final String limit;

    public LogScanLimitException(String limit, String message) {
        super(message);
        this.limit = limit;
    }

    /** The name of the limit: a {@link LogStoreConfig} component or {@code timeout}. */
    public String limit() {
        return limit;
    }
}
