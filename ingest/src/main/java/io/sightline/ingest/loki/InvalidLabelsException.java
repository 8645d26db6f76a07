package io.sightline.ingest.loki;

/**
 * A stream's labels string is not a valid Loki selector of equality matchers; the message says what
 * and where (1-based column), e.g. {@code expected '=' after label name "app" at column 5}.
 */
final class InvalidLabelsException extends RuntimeException {
    InvalidLabelsException(String message) {
        super(message, null, false, false);
    }
}
