package io.sightline.query.api.prometheus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.gson.stream.JsonWriter;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.api.BadRequestException;
import io.sightline.query.promql.PromqlException;

/**
 * Writes the Prometheus API envelope, and the one place where failures become statuses: an
 * {@link ApiError} or {@link PromqlException} by its error type, a {@link BadRequestException} as
 * bad_data, anything else as 500 internal, logged once with its stack.
 *
 * <p>A success is streamed: the JSON goes through a buffered writer straight to the response's
 * output stream, so a large matrix is never held as one string.
 */
final class PromResponses {
    private static final Logger LOG = Logger.getLogger(PromResponses.class.getName());
    private static final String JSON = "application/json";
    private static final int BUFFER_CHARS = 1 << 16;

    private PromResponses() {
    }

    static void success(ServerResponse response, Answer answer) throws IOException {
        if (answer.data() == null) {
            response.status(Status.NO_CONTENT_204).send();
            return;
        }
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, JSON);
        try (OutputStream out = response.outputStream();
             JsonWriter json = new JsonWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                     BUFFER_CHARS))) {
            json.beginObject();
            json.name("status").value("success");
            json.name("data");
            answer.data().write(json);
            strings(json, "warnings", answer.warnings());
            strings(json, "infos", answer.infos());
            json.endObject();
        }
    }

    static void failure(ServerResponse response, RuntimeException failure) {
        switch (failure) {
            case ApiError e -> error(response, e.status(), e.type().apiName, e.getMessage());
            case PromqlException e -> {
                ApiError.Type type = ApiError.Type.of(e.errorType());
                error(response, type.status, type.apiName, e.getMessage());
            }
            case BadRequestException e -> error(response, ApiError.Type.BAD_DATA.status, "bad_data", e.getMessage());
            default -> {
                LOG.log(Level.SEVERE, "Prometheus API request failed", failure);
                error(response, Status.INTERNAL_SERVER_ERROR_500, ApiError.Type.INTERNAL.apiName,
                        String.valueOf(failure.getMessage()));
            }
        }
    }

    static void error(ServerResponse response, Status status, String errorType, String message) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            json.name("status").value("error");
            json.name("errorType").value(errorType);
            json.name("error").value(message);
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, JSON);
        response.send(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void strings(JsonWriter json, String name, List<String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        json.name(name).beginArray();
        for (String value : values) {
            json.value(value);
        }
        json.endArray();
    }
}
