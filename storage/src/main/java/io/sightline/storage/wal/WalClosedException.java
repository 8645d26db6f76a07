package io.sightline.storage.wal;

/** An append reached a write-ahead log that is closing or closed. */
public final class WalClosedException extends IllegalStateException {
    public WalClosedException(String walName) {
        super("write-ahead log '" + walName + "' is closed");
    }
}
