package io.sightline.storage.logs;

import java.time.Duration;

/** A log search ran past its time limit. */
public final class LogSearchTimeoutException extends RuntimeException {
    public LogSearchTimeoutException(Duration limit) {
        super("log search took longer than its limit of " + limit.toMillis() + " ms; narrow the time range or the query");
    }
}
