package io.sightline.query.api;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.gson.stream.JsonWriter;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * The JSON envelope of the query APIs, as the Prometheus HTTP API shapes it:
 * {@code {"status":"success","data":...}} or {@code {"status":"error","errorType":...,"error":...}},
 * and the one place where exceptions become HTTP statuses.
 */
public final class ApiResponses {
    private static final Logger LOG = Logger.getLogger(ApiResponses.class.getName());

    /** Writes the {@code data} member's value. */
    @FunctionalInterface
    public interface DataWriter {
        void write(JsonWriter json) throws IOException;
    }

    private ApiResponses() {
    }

    public static void success(ServerResponse response, DataWriter data) {
        send(response, Status.OK_200, json -> {
            json.name("status").value("success");
            json.name("data");
            data.write(json);
        });
    }

    /** Maps a failure to its status: bad input 400, time-outs 503, anything else 500 (logged). */
    public static void failure(ServerResponse response, RuntimeException failure) {
        String simpleName = failure.getClass().getSimpleName();
        if (failure instanceof BadRequestException || failure instanceof IllegalArgumentException) {
            error(response, Status.BAD_REQUEST_400, "bad_data", failure.getMessage());
        } else if (simpleName.endsWith("TimeoutException")) {
            error(response, Status.SERVICE_UNAVAILABLE_503, "timeout", failure.getMessage());
        } else {
            LOG.log(Level.SEVERE, "query failed", failure);
            error(response, Status.INTERNAL_SERVER_ERROR_500, "internal", String.valueOf(failure.getMessage()));
        }
    }

    public static void error(ServerResponse response, Status status, String errorType, String message) {
        send(response, status, json -> {
            json.name("status").value("error");
            json.name("errorType").value(errorType);
            json.name("error").value(message);
        });
    }

    private static void send(ServerResponse response, Status status, DataWriter members) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            members.write(json);
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
