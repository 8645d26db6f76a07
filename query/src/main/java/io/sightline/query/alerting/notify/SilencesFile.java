package io.sightline.query.alerting.notify;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;

import io.sightline.storage.tsdb.LabelMatcher;

/**
 * {@code silences.json}: the silences as text lines (format drawn in storage/docs/format/silences.md):
 * a header {@code sightline-silences 1}, one JSON object per silence, and a footer
 * {@code crc32c <8 hex digits>} over every byte before it. Written whole to {@code silences.json.tmp},
 * forced to disk, then moved over the old file, so a crash leaves the old or the new file, never half
 * of one. Not thread-safe: {@link Silences} calls it under its lock.
 */
final class SilencesFile {
    static final String NAME = "silences.json";
    private static final String MAGIC = "sightline-silences";
    private static final int VERSION = 1;
    private static final String FOOTER = "crc32c ";

    private final Path path;

    SilencesFile(Path directory) {
        this.path = directory.resolve(NAME);
    }

    List<Silence> read() {
        if (!Files.exists(path)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        int footerAt = text.lastIndexOf("\n" + FOOTER) + 1;
        if (footerAt <= 0 || !text.endsWith("\n")) {
            throw corrupt("no checksum footer");
        }
        String expected = text.substring(footerAt + FOOTER.length(), text.length() - 1);
        String actual = crc(text.substring(0, footerAt));
        if (!expected.equals(actual)) {
            throw corrupt("checksum expected " + expected + ", actual " + actual);
        }
        String[] lines = text.substring(0, footerAt).split("\n");
        String header = MAGIC + " " + VERSION;
        if (!lines[0].equals(header)) {
            throw corrupt("header expected '" + header + "', actual '" + lines[0] + "'");
        }
        List<Silence> out = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            try {
                out.add(decode(JsonParser.parseString(lines[i]).getAsJsonObject()));
            } catch (RuntimeException e) {
                throw corrupt("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    void write(List<Silence> silences) {
        StringBuilder text = new StringBuilder(64 + 256 * silences.size());
        text.append(MAGIC).append(' ').append(VERSION).append('\n');
        for (Silence s : silences) {
            text.append(encode(s)).append('\n');
        }
        String checksum = crc(text.toString());
        text.append(FOOTER).append(checksum).append('\n');
        Path tmp = path.resolveSibling(NAME + ".tmp");
        try {
            Files.createDirectories(path.getParent());
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
                var bytes = java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
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

    private static String crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    private IllegalStateException corrupt(String why) {
        return new IllegalStateException("corrupt silences file " + path + " (format " + MAGIC + " version "
                + VERSION + "): " + why);
    }
}
