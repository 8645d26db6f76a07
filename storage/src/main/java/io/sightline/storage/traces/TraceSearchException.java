package io.sightline.storage.traces;

/** A trace search stopped by a limit: its timeout or a store bound, named in {@link #limit()}. */
public final class TraceSearchException extends RuntimeException {
    private final String limit;

    public TraceSearchException(String limit, String message) {
        super(message);
        this.limit = limit;
    }

    /** The name of the limit that stopped the search (a config field name, or "timeout"). */
    public String limit() {
        return limit;
    }
}
