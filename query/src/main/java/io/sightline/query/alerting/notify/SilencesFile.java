package io.sightline.query.alerting.notify;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;

import io.sightline.storage.tsdb.LabelMatcher;

/**
 * {@code silences.json}: the silences as text lines (format drawn in storage/docs/format/silences.md):
 * a header {@code sightline-silences 1}, one JSON object per silence, and a footer
 * {@code crc32c <8 hex digits>} over every byte before it, written atomically
 * ({@link ChecksummedLinesFile}). Not thread-safe: {@link Silences} calls it under its lock.
 */
final class SilencesFile {
    static final String NAME = "silences.json";
    private static final String MAGIC = "sightline-silences";
    private static final int VERSION = 1;

    private final ChecksummedLinesFile file;

    SilencesFile(Path directory) {
        this.file = new ChecksummedLinesFile(directory.resolve(NAME), MAGIC, VERSION, "silences");
    }

    List<Silence> read() {
        return file.read(SilencesFile::decode);
    }

    void write(List<Silence> silences) {
        List<String> lines = new ArrayList<>(silences.size());
        for (Silence s : silences) {
            lines.add(encode(s));
        }
        file.write(lines);
    }

    private static String encode(Silence s) {
        StringWriter out = new StringWriter();
        try (JsonWriter json = new JsonWriter(out)) {
            json.beginObject()
                    .name("id").value(s.id())
                    .name("startsAt").value(s.startsAtMs())
                    .name("endsAt").value(s.endsAtMs())
                    .name("updatedAt").value(s.updatedAtMs())
                    .name("createdBy").value(s.createdBy())
                    .name("comment").value(s.comment())
                    .name("matchers").beginArray();
            for (LabelMatcher m : s.matchers()) {
                json.beginObject().name("type").value(m.type().symbol()).name("name").value(m.name())
                        .name("value").value(m.value()).endObject();
            }
            json.endArray().endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Silence decode(JsonObject o) {
        List<LabelMatcher> matchers = new ArrayList<>();
        JsonArray array = o.getAsJsonArray("matchers");
        for (JsonElement e : array) {
            JsonObject m = e.getAsJsonObject();
            matchers.add(LabelMatcher.of(AlertmanagerMatchers.typeOf(m.get("type").getAsString()),
                    m.get("name").getAsString(), m.get("value").getAsString()));
        }
        return new Silence(o.get("id").getAsString(), matchers, o.get("startsAt").getAsLong(),
                o.get("endsAt").getAsLong(), o.get("updatedAt").getAsLong(), o.get("createdBy").getAsString(),
                o.get("comment").getAsString());
    }
}
