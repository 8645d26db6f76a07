package io.sightline.ingest;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.storage.wal.WalClosedException;

/**
 * How the Prometheus remote_write and Loki push receivers answer: a status with a plain-text reason
 * (as both Prometheus and Loki do), {@code Retry-After} when backing off, and the reason a WAL append
 * failed in words a sender's log can show. Stateless.
 */
public final class PlainTextAnswers {
    private static final Logger LOG = Logger.getLogger(PlainTextAnswers.class.getName());

    private PlainTextAnswers() {
    }

    /** Sends {@code status}: no body for 204, else {@code message} as text; Retry-After when positive. */
    public static void send(ServerResponse response, int status, String message, long retryAfterSeconds) {
        response.status(Status.create(status));
        if (retryAfterSeconds > 0) {
            response.header(HeaderNames.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        if (status == 204) {
            response.send();
        } else {
            response.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.send(message + "\n");
        }
    }

    /**
     * Why waiting for an append to the {@code walName} WAL failed; unexpected failures are logged.
     *
     * @param timeoutSeconds how long the receiver waited, for the timeout's message
     */
    public static String walFailure(String walName, long timeoutSeconds, Exception e) {
        Throwable cause = e instanceof ExecutionException || e instanceof CompletionException ? e.getCause() : e;
        if (cause instanceof WalClosedException) {
            return "the " + walName + " WAL is closed (shutting down)";
        }
        if (cause instanceof TimeoutException) {
            return "the " + walName + " WAL did not confirm the write within " + timeoutSeconds + " s";
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the " + walName + " WAL";
        }
        LOG.log(Level.SEVERE, "append to the " + walName + " WAL failed", cause);
        return "the " + walName + " WAL failed: " + cause;
    }
}
