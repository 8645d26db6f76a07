package io.sightline.ingest.export;

import java.time.Duration;

/** What the target answered to one {@link ExportRequest}, classified the way the exporter acts on it. */
public sealed interface SendOutcome {

    /**
     * The target took the request.
     *
     * @param rejectedItems items the target refused inside an accepted request (OTLP partial success);
     *                      they are counted as failed and not sent again
     * @param message       the target's partial-success message, or empty
     */
    record Accepted(long rejectedItems, String message) implements SendOutcome {
        public static final Accepted ALL = new Accepted(0, "");
    }

    /**
     * Worth sending again later: the target was unreachable, timed out, or answered with a status
     * its protocol calls retryable (HTTP 429/502/503/504, gRPC UNAVAILABLE, …).
     *
     * @param reason     what happened, for logs and the status page ("HTTP 503: overloaded")
     * @param retryAfter the wait the target asked for (Retry-After, gRPC RetryInfo), or null
     */
    record Retryable(String reason, Duration retryAfter) implements SendOutcome {
    }

    /**
     * Refused for good (HTTP 400, gRPC INVALID_ARGUMENT, …): sending the same bytes again cannot
     * succeed, so the exporter counts the items as failed and moves on.
     *
     * @param reason the target's answer, for logs and the status page
     */
    record Rejected(String reason) implements SendOutcome {
    }
}
