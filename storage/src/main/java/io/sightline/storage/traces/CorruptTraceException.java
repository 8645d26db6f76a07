package io.sightline.storage.traces;

/** Stored trace data that cannot be read: a format version this build does not know, or damaged bytes. */
public final class CorruptTraceException extends RuntimeException {
    public CorruptTraceException(String message) {
        super(message);
    }
}
