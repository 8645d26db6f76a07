package io.sightline.query.api.prometheus;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import com.google.gson.stream.JsonWriter;

/**
 * What an endpoint answers on success: the writer of the envelope's {@code data} member and the
 * non-fatal notes sent beside it ({@code warnings}, {@code infos}; omitted when empty, as Prometheus
 * omits them). {@link #NO_CONTENT} is Prometheus's empty 204 answer (no data, no error).
 */
record Answer(Data data, List<String> warnings, List<String> infos) {
    /** Writes the {@code data} member's value. */
    @FunctionalInterface
    interface Data {
        void write(JsonWriter json) throws IOException;
    }

    static final Answer NO_CONTENT = new Answer(null, List.of(), List.of());

    Answer {
        warnings = List.copyOf(warnings);
        infos = List.copyOf(infos);
    }

    static Answer of(Data data) {
        return new Answer(Objects.requireNonNull(data, "data"), List.of(), List.of());
    }

    static Answer of(Data data, List<String> warnings) {
        return new Answer(Objects.requireNonNull(data, "data"), warnings, List.of());
    }
}
