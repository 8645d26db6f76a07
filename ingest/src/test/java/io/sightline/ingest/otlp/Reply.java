package io.sightline.ingest.otlp;

/**
 * What a client got back, whatever the transport.
 *
 * @param status            the answer, mapped back from the HTTP status or gRPC code
 * @param rejected          rejected items reported in partial_success
 * @param message           partial-success error message or error status message
 * @param retryAfterSeconds Retry-After header or RetryInfo delay; 0 when absent
 */
public record Reply(IngestStatus status, long rejected, String message, long retryAfterSeconds) {
}
