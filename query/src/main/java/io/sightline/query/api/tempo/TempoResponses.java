package io.sightline.query.api.tempo;

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

/**
 * Tempo's answers: JSON bodies, protobuf bodies, and errors as plain text with the message alone
 * (Tempo's query frontend writes {@code http.Error}): 400 bad parameter or query, 404 unknown trace,
 * 503 a search past its time, 500 anything else (logged once).
 */
final class TempoResponses {
    private static final Logger LOG = Logger.getLogger(TempoResponses.class.getName());
    private static final int BUFFER_CHARS = 1 << 16;

    private TempoResponses() {
    }

    @FunctionalInterface
    interface Body {
        void write(JsonWriter json) throws IOException;
    }

    static void json(ServerResponse response, Body body) throws IOException {
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        try (OutputStream out = response.outputStream();
             Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS)) {
            JsonWriter json = new JsonWriter(writer);
            body.write(json);
            json.flush();
        }
    }

    static void protobuf(ServerResponse response, byte[] message) {
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, "application/protobuf");
        response.send(message);
    }

    static void text(ServerResponse response, Status status, String message) {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.send((message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static void failure(ServerResponse response, RuntimeException e) {
        LOG.log(Level.SEVERE, "Tempo API request failed", e);
        text(response, Status.INTERNAL_SERVER_ERROR_500, String.valueOf(e.getMessage()));
    }
}
