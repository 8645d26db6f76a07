package io.sightline.appliance.loki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import com.google.gson.stream.JsonWriter;
import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.v3.snappy.SnappyCompressor;

/**
 * Loki push bodies as Promtail, Grafana Alloy and Fluent Bit's Loki output send them, written from
 * Loki's documented schema (no Java client exists): the snappy-compressed protobuf
 * {@code logproto.PushRequest} (PushRequest.streams = 1; StreamAdapter.labels = 1, entries = 2;
 * EntryAdapter.timestamp = 1 (google.protobuf.Timestamp seconds = 1, nanos = 2), line = 2,
 * structuredMetadata = 3; LabelPairAdapter.name = 1, value = 2) and the JSON form
 * ({@code {"streams":[{"stream":{…},"values":[["ns","line",{…}]]}]}}). Public for the crash test
 * (io.sightline.appliance.jar).
 */
public final class LokiPushBody {
    /** One log line; {@code metadata} is its structured metadata (may be empty). */
    public record Entry(long nanos, String line, Map<String, String> metadata) {
    }

    /** A stream: labels (in order) and entries. */
    public record Stream(Map<String, String> labels, List<Entry> entries) {
        /** The labels as Promtail writes them: {@code {a="x", b="y"}} with Go escapes. */
        public String selector() {
            return labels.entrySet().stream().map(l -> l.getKey() + "=" + quote(l.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }

    private LokiPushBody() {
    }

    /** The snappy (block format) protobuf body; streams use their {@link Stream#selector()}. */
    public static byte[] protobuf(List<Stream> streams) {
        return snappy(protobufWithSelectors(streams.stream().map(Stream::selector).toList(), streams));
    }

    /** The uncompressed protobuf with the given labels strings (one per stream, possibly malformed). */
    public static byte[] protobufWithSelectors(List<String> selectors, List<Stream> streams) {
        return message(out -> {
            for (int i = 0; i < streams.size(); i++) {
                String selector = selectors.get(i);
                List<Entry> entries = streams.get(i).entries();
                out.writeByteArray(1, message(stream -> {
                    stream.writeString(1, selector);
                    for (Entry entry : entries) {
                        stream.writeByteArray(2, entry(entry));
                    }
                }));
            }
        });
    }

    public static byte[] json(List<Stream> streams) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject().name("streams").beginArray();
            for (Stream stream : streams) {
                json.beginObject().name("stream").beginObject();
                for (Map.Entry<String, String> label : stream.labels().entrySet()) {
                    json.name(label.getKey()).value(label.getValue());
                }
                json.endObject().name("values").beginArray();
                for (Entry entry : stream.entries()) {
                    json.beginArray().value(Long.toString(entry.nanos())).value(entry.line());
                    if (!entry.metadata().isEmpty()) {
                        json.beginObject();
                        for (Map.Entry<String, String> pair : entry.metadata().entrySet()) {
                            json.name(pair.getKey()).value(pair.getValue());
                        }
                        json.endObject();
                    }
                    json.endArray();
                }
                json.endArray().endObject();
            }
            json.endArray().endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] snappy(byte[] raw) {
        SnappyCompressor snappy = SnappyCompressor.create();
        byte[] compressed = new byte[snappy.maxCompressedLength(raw.length)];
        return Arrays.copyOf(compressed, snappy.compress(raw, 0, raw.length, compressed, 0, compressed.length));
    }

    private static byte[] entry(Entry entry) {
        return message(out -> {
            out.writeByteArray(1, message(timestamp -> {
                timestamp.writeInt64(1, Math.floorDiv(entry.nanos(), 1_000_000_000L));
                timestamp.writeInt32(2, (int) Math.floorMod(entry.nanos(), 1_000_000_000L));
            }));
            out.writeString(2, entry.line());
            for (Map.Entry<String, String> pair : entry.metadata().entrySet()) {
                out.writeByteArray(3, message(label -> {
                    label.writeString(1, pair.getKey());
                    label.writeString(2, pair.getValue());
                }));
            }
        });
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            writer.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
