package io.sightline.storage.logs;

/** A stored log record that this build cannot read. */
public final class CorruptLogRecordException extends RuntimeException {
    public CorruptLogRecordException(String message) {
        super(message);
    }
}
