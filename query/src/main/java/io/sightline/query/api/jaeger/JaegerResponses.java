package io.sightline.query.api.jaeger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.gson.stream.JsonWriter;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * Jaeger's answers and the one place where failures become statuses: Jaeger's query service wraps
 * everything in {@code {"data":…,"total":N,"limit":0,"offset":0,"errors":null}}; a failure is
 * {@code {"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":400,"msg":"…"}]}} with the
 * same status (400 bad parameter, 404 unknown trace, 503 a search past its time, 500 anything else,
 * logged once). Successes stream through a buffered writer.
 */
final class JaegerResponses {
    private static final Logger LOG = Logger.getLogger(JaegerResponses.class.getName());
    private static final int BUFFER_CHARS = 1 << 16;

    private JaegerResponses() {
    }

    /** Writes the {@code data} member's value. */
    @FunctionalInterface
    interface Data {
        void write(JsonWriter json) throws IOException;
    }

    static void success(ServerResponse response, int total, Data data) throws IOException {
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        try (OutputStream out = response.outputStream();
             Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS)) {
            JsonWriter json = new JsonWriter(writer);
            json.setSerializeNulls(true);
            json.beginObject();
            json.name("data");
            data.write(json);
            json.name("total").value(total);
            json.name("limit").value(0);
            json.name("offset").value(0);
            json.name("errors").nullValue();
            json.endObject();
            json.flush();
            writer.write('\n');
        }
    }

    static void error(ServerResponse response, Status status, String message) {
        String body = "{\"data\":null,\"total\":0,\"limit\":0,\"offset\":0,\"errors\":[{\"code\":" + status.code()
                + ",\"msg\":" + quote(message) + "}]}\n";
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(body.getBytes(StandardCharsets.UTF_8));
    }

    static void failure(ServerResponse response, RuntimeException e) {
        LOG.log(Level.SEVERE, "Jaeger API request failed", e);
        error(response, Status.INTERNAL_SERVER_ERROR_500, String.valueOf(e.getMessage()));
    }

    private static String quote(String text) {
        try (StringWriter out = new StringWriter(); JsonWriter json = new JsonWriter(out)) {
            json.value(text);
            json.flush();
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
