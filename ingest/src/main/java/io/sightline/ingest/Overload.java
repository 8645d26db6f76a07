package io.sightline.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * Why a receiver refuses a request for now, and when the client should retry.
 *
 * @param kind       {@link Kind#LAGGING}: HTTP 429 / gRPC RESOURCE_EXHAUSTED with {@code RetryInfo};
 *                   {@link Kind#DISK_FULL} and {@link Kind#UNAVAILABLE}: HTTP 503 / gRPC UNAVAILABLE
 * @param retryAfter how long the client should wait (sent as whole seconds, at least 1, in
 *                   {@code Retry-After})
 * @param message    says what is wrong, e.g. "logs WAL consumers are 2,000,000 entries behind"
 */
public record Overload(Kind kind, Duration retryAfter, String message) {
    public Overload {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(message, "message");
    }

    /** Retry-After in whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    public enum Kind {
        /** Consumers fall behind: the client should slow down (retryable). */
        LAGGING,
        /** The disk is (nearly) full: nothing can be written until space is freed. */
        DISK_FULL,
        /** Starting, stopping or otherwise not able to write. */
        UNAVAILABLE
    }
}
