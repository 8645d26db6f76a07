package io.sightline.ingest.otlp;

/** A WAL entry that cannot be decoded; appliers skip it (it never happens for entries we wrote). */
public final class CorruptEntryException extends RuntimeException {
    public CorruptEntryException(String message) {
        super(message);
    }

    public CorruptEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
