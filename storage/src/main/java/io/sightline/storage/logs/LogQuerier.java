package io.sightline.storage.logs;

/** The read side of the log store. Thread-safe. */
public interface LogQuerier {
    /** Records matching {@code search}, newest first, one page at a time. */
    LogPage search(LogSearch search);
}
