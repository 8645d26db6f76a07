package io.sightline.ingest.export;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.sightline.ingest.Signal;

/**
 * Classifies an HTTP answer the way each protocol's own clients do:
 * <ul>
 *   <li>OTLP/HTTP (OTLP specification, "OTLP/HTTP Response"): 2xx accepted, its
 *       {@code partial_success} read; exactly 429, 502, 503 and 504 retryable; every other status
 *       rejected, with the body's {@code google.rpc.Status} message.</li>
 *   <li>remote_write (spec 1.0; Prometheus's queue manager): 2xx accepted; 5xx and 429 retryable;
 *       anything else rejected, with the body's first lines.</li>
 *   <li>Loki push (Promtail / Alloy's client): 2xx accepted; 429 and 5xx retryable; anything else
 *       rejected, with the body's first lines.</li>
 * </ul>
 * A retryable answer carries its {@code Retry-After} (seconds or an HTTP-date) when it has one.
 */
final class HttpAnswers {
    /** Lines of a remote_write / Loki error body kept in a reason (the receivers put one problem a line). */
    private static final int REASON_LINES = 3;
    /** Characters of those lines kept (Prometheus reads at most 1 KiB of an error body). */
    private static final int REASON_CHARS = 512;

    private HttpAnswers() {
    }

    /**
     * @param signal      the OTLP signal (reads the partial success); ignored by the other protocols
     * @param contentType the answer's {@code Content-Type}, or null
     * @param retryAfter  the answer's {@code Retry-After}, or null
     * @param now         for an HTTP-date {@code Retry-After}
     */
    static SendOutcome classify(Protocol protocol, Signal signal, int status, String contentType, String retryAfter,
            byte[] body, Instant now) {
        boolean success = status >= 200 && status < 300;
        return switch (protocol) {
            case OTLP_HTTP -> {
                if (success) {
                    yield OtlpResponses.accepted(signal, body);
                }
                String reason = reason(status, OtlpResponses.errorMessage(body, contentType));
                boolean retryable = status == 429 || status == 502 || status == 503 || status == 504;
                yield retryable ? retryable(reason, retryAfter, now) : new SendOutcome.Rejected(reason);
            }
            case REMOTE_WRITE, LOKI_PUSH -> {
                if (success) {
                    yield SendOutcome.Accepted.ALL;
                }
                String reason = reason(status, firstLines(body));
                boolean retryable = status == 429 || status >= 500 && status < 600;
                yield retryable ? retryable(reason, retryAfter, now) : new SendOutcome.Rejected(reason);
            }
        };
    }

    private static SendOutcome.Retryable retryable(String reason, String retryAfter, Instant now) {
        Duration wait = RetryAfter.parse(retryAfter, now);
        return new SendOutcome.Retryable(reason, wait);
    }

    private static String reason(int status, String message) {
        return message.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + message;
    }

    /** The first {@link #REASON_LINES} non-blank lines of a plain-text body, joined with "; ". */
    static String firstLines(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, REASON_CHARS * 4), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        int lines = 0;
        for (String line : text.split("\n", -1)) {
            String kept = line.strip();
            if (kept.isEmpty()) {
                continue;
            }
            if (lines++ == REASON_LINES) {
                break;
            }
            out.append(out.isEmpty() ? "" : "; ").append(kept);
        }
        return OtlpResponses.text(out.toString().getBytes(StandardCharsets.UTF_8), REASON_CHARS);
    }
}
