package io.sightline.query.alerting.notify;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;

import io.sightline.storage.tsdb.Labels;

/**
 * {@code nflog.json}: the notification log's snapshot as text lines (format drawn in
 * storage/docs/format/notification-log.md): a header {@code sightline-nflog 1}, one JSON object per entry
 * (receiver, group key, time, expiry, the firing and resolved label sets), and a CRC32C footer, written
 * atomically ({@link ChecksummedLinesFile}). Alertmanager keeps 64-bit hashes of the label sets in its
 * {@code nflog}; the label sets themselves are kept here, as the log holds them, so the file can be read
 * by a person. Not thread-safe: {@link NotificationLog} serializes its writes.
 */
final class NotificationLogFile {
    static final String NAME = "nflog.json";
    private static final String MAGIC = "sightline-nflog";
    private static final int VERSION = 1;

    private final ChecksummedLinesFile file;

    NotificationLogFile(Path directory) {
        this.file = new ChecksummedLinesFile(directory.resolve(NAME), MAGIC, VERSION, "notification log");
    }

    Path path() {
        return file.path();
    }

    /**
     * The entries written last, expired ones included; none when there is no file.
     *
     * @throws UncheckedIOException  when the file cannot be read
     * @throws IllegalStateException naming the file when it is not a notification log or fails its checksum
     */
    List<NotificationLog.Entry> read() {
        return file.read(NotificationLogFile::decode);
    }

    void write(List<NotificationLog.Entry> entries) {
        List<String> lines = new ArrayList<>(entries.size());
        for (NotificationLog.Entry entry : entries) {
            lines.add(encode(entry));
        }
        file.write(lines);
    }

    private static String encode(NotificationLog.Entry e) {
        StringWriter out = new StringWriter();
        try (JsonWriter json = new JsonWriter(out)) {
            json.beginObject()
                    .name("receiver").value(e.receiver())
                    .name("groupKey").value(e.groupKey())
                    .name("timestamp").value(e.timeMs())
                    .name("expiresAt").value(e.expiresAtMs());
            writeLabelSets(json.name("firing"), e.firing());
            writeLabelSets(json.name("resolved"), e.resolved());
            json.endObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    /** Sorted, so the same log always gives the same bytes. */
    private static void writeLabelSets(JsonWriter json, Set<Labels> sets) throws IOException {
        List<Labels> sorted = new ArrayList<>(sets);
        sorted.sort(null);
        json.beginArray();
        for (Labels labels : sorted) {
            json.beginObject();
            for (int i = 0; i < labels.size(); i++) {
                json.name(labels.name(i)).value(labels.value(i));
            }
            json.endObject();
        }
        json.endArray();
    }

    private static NotificationLog.Entry decode(JsonObject o) {
        return new NotificationLog.Entry(o.get("receiver").getAsString(), o.get("groupKey").getAsString(),
                labelSets(o, "firing"), labelSets(o, "resolved"), o.get("timestamp").getAsLong(),
                o.get("expiresAt").getAsLong());
    }

    private static Set<Labels> labelSets(JsonObject o, String field) {
        Set<Labels> sets = new HashSet<>();
        for (JsonElement element : o.getAsJsonArray(field)) {
            Labels.Builder builder = Labels.builder();
            for (Map.Entry<String, JsonElement> label : element.getAsJsonObject().entrySet()) {
                builder.set(label.getKey(), label.getValue().getAsString());
            }
            sets.add(builder.build());
        }
        return Set.copyOf(sets);
    }
}
