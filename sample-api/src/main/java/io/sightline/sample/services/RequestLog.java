package io.sightline.sample.services;

import java.time.Instant;
import java.util.Locale;

import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;

/**
 * The services' log records, emitted through the OpenTelemetry Logs Bridge with the current
 * context, so each carries the trace and span id of the span it was written in. One record per
 * handled request (INFO, or ERROR with the exception when the answer is 5xx) and one ERROR record
 * where a dependency or the database fails. Thread-safe.
 */
final class RequestLog {
    private final Logger logger;

    RequestLog(Logger logger) {
        this.logger = logger;
    }

    /** The access record of one request, written inside its server span. */
    void request(String method, String route, String path, int status, double seconds, Throwable failure) {
        String body = String.format(Locale.ROOT, "%s %s -> %d in %.1f ms", method, path, status, seconds * 1000);
        var record = logger.logRecordBuilder()
                .setContext(Context.current())
                .setTimestamp(Instant.now())
                .setAttribute("http.request.method", method)
                .setAttribute("http.route", route)
                .setAttribute("url.path", path)
                .setAttribute("http.response.status_code", (long) status);
        if (status >= 500) {
            record.setSeverity(Severity.ERROR).setSeverityText("ERROR");
            if (failure != null) {
                body += ": " + failure.getMessage();
                record.setAttribute("exception.type", failure.getClass().getName())
                        .setAttribute("exception.message", String.valueOf(failure.getMessage()));
            }
        } else {
            record.setSeverity(Severity.INFO).setSeverityText("INFO");
        }
        record.setBody(body).emit();
    }

    /** An ERROR record for a failed operation (a dependency call, a query), inside that operation's span. */
    void failure(String what, Throwable failure) {
        logger.logRecordBuilder()
                .setContext(Context.current())
                .setTimestamp(Instant.now())
                .setSeverity(Severity.ERROR)
                .setSeverityText("ERROR")
                .setBody(what + " failed: " + failure.getMessage())
                .setAttribute("exception.type", failure.getClass().getName())
                .setAttribute("exception.message", String.valueOf(failure.getMessage()))
                .emit();
    }
}
