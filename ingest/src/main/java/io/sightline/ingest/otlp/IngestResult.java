package io.sightline.ingest.otlp;

import java.util.Objects;

import com.google.protobuf.Message;

/**
 * A receiver's answer, independent of the transport.
 *
 * @param status            what happened
 * @param response          for {@link IngestStatus#OK} the signal's {@code Export*ServiceResponse}
 *                          (with {@code partial_success} when items were rejected); otherwise a
 *                          {@code google.rpc.Status} with the message (and {@code RetryInfo} when
 *                          overloaded)
 * @param message           the error or partial-success message, "" when there is none
 * @param retryAfterSeconds for OVERLOADED / UNAVAILABLE from backpressure, the Retry-After in
 *                          seconds; 0 when the client should not be told when to retry
 */
public record IngestResult(IngestStatus status, Message response, String message, long retryAfterSeconds) {
    public IngestResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(message, "message");
    }
}
