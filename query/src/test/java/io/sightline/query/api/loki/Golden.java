package io.sightline.query.api.loki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Golden answers under {@code src/test/resources/loki-api/}, compared as JSON values (member order
 * and number spelling aside, field by field). Query answers are compared without their
 * {@code data.stats}, which is checked against {@code stats.json} on its own.
 */
final class Golden {
    private Golden() {
    }

    static JsonElement load(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/loki-api/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertMatches(String body, String name) {
        assertThat(JsonParser.parseString(body)).isEqualTo(load(name));
    }

    /** A query answer: its stats equal stats.json, the rest equals {@code name}. */
    static void assertQueryAnswer(String body, String name) {
        JsonObject answer = JsonParser.parseString(body).getAsJsonObject();
        JsonObject data = answer.getAsJsonObject("data");
        assertThat(data.remove("stats")).isEqualTo(load("stats.json"));
        assertThat((JsonElement) answer).isEqualTo(load(name));
    }
}
