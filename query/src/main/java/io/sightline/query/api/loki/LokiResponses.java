package io.sightline.query.api.loki;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.gson.stream.JsonWriter;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.api.BadRequestException;
import io.sightline.query.logql.LogqlQueryException;

/**
 * Writes Loki's answers, and the one place where failures become statuses. Successes are JSON
 * streamed through a buffered writer, followed by a newline as Loki writes it. Failures are plain
 * text as Loki's {@code WriteError} sends them: the message alone, {@code text/plain; charset=utf-8},
 * {@code X-Content-Type-Options: nosniff}; 400 for a bad parameter or query and for a passed limit,
 * 504 for a timeout (as Loki answers it),
 * 500 for anything else, logged once with its stack.
 */
final class LokiResponses {
    private static final Logger LOG = Logger.getLogger(LokiResponses.class.getName());
    static final String JSON = "application/json; charset=UTF-8";
    private static final int BUFFER_CHARS = 1 << 16;

    private LokiResponses() {
    }

    /** Writes one JSON value. */
    @FunctionalInterface
    interface Body {
        void write(JsonWriter json) throws IOException;
    }

    /** A 200 answer whose whole body {@code body} writes. */
    static void json(ServerResponse response, Body body) throws IOException {
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, JSON);
        try (OutputStream out = response.outputStream();
             Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS)) {
            JsonWriter json = new JsonWriter(writer);
            body.write(json);
            json.flush();
            writer.write('\n');
        }
    }

    /** {@code {"status":"success","data":...}}. */
    static void success(ServerResponse response, Body data) throws IOException {
        json(response, json -> {
            json.beginObject();
            json.name("status").value("success");
            json.name("data");
            data.write(json);
            json.endObject();
        });
    }

    static void failure(ServerResponse response, RuntimeException failure) {
        switch (failure) {
            case BadRequestException e -> text(response, Status.BAD_REQUEST_400, e.getMessage());
            case LogqlQueryException e -> text(response, status(e.kind()), e.getMessage());
            default -> {
                LOG.log(Level.SEVERE, "Loki API request failed", failure);
                text(response, Status.INTERNAL_SERVER_ERROR_500, String.valueOf(failure.getMessage()));
            }
        }
    }

    static Status status(LogqlQueryException.Kind kind) {
        return switch (kind) {
            case BAD_QUERY, LIMIT -> Status.BAD_REQUEST_400;
            case TIMEOUT -> Status.GATEWAY_TIMEOUT_504;
        };
    }

    static void text(ServerResponse response, Status status, String message) {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        response.send(message.getBytes(StandardCharsets.UTF_8));
    }
}
