package io.sightline.ingest.otlp;

/** A request that cannot be decoded at all; answered with HTTP 400 / gRPC INVALID_ARGUMENT. */
final class InvalidRequestException extends RuntimeException {
    InvalidRequestException(String message) {
        super(message);
    }

    InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
