package io.sightline.ingest.loki;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Reads a Loki JSON push body:
 * <pre>{"streams":[{"stream":{"job":"x"},"values":[["1700000000000000000","line",{"trace_id":"…"}]]}]}</pre>
 * Each value is a timestamp (Unix nanoseconds as a decimal <em>string</em>), the line, and optionally
 * an object of structured metadata whose values are strings. The label object becomes a labels
 * string with names sorted, as Loki builds it, and is then judged like a protobuf stream's. Unknown
 * members are skipped. Anything else (a number for the timestamp, a fourth array element, a non-string
 * metadata value, broken JSON) throws {@link MalformedPushException} naming the JSON path. Stateless.
 */
final class PushJsonDecoder {
    private PushJsonDecoder() {
    }

    static List<PushStream> decode(byte[] body, int length) {
        try (JsonReader json = new JsonReader(reader(body, length))) {
            List<PushStream> streams = new ArrayList<>();
            json.beginObject();
            while (json.hasNext()) {
                if (json.nextName().equals("streams") && json.peek() != JsonToken.NULL) {
                    json.beginArray();
                    while (json.hasNext()) {
                        streams.add(stream(json));
                    }
                    json.endArray();
                } else {
                    json.skipValue();
                }
            }
            json.endObject();
            // Strict readers refuse to look past the first value; lenient, it tells what follows.
            json.setStrictness(com.google.gson.Strictness.LENIENT);
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw malformed("unexpected content after the request object", json);
            }
            return streams;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new MalformedPushException("invalid JSON push request: " + e.getMessage());
        }
    }

    private static Reader reader(byte[] body, int length) {
        return new InputStreamReader(new java.io.ByteArrayInputStream(body, 0, length), StandardCharsets.UTF_8);
    }

    private static PushStream stream(JsonReader json) throws IOException {
        Map<String, String> labels = new TreeMap<>();
        List<PushStream.Entry> entries = new ArrayList<>();
        json.beginObject();
        while (json.hasNext()) {
            switch (json.nextName()) {
                case "stream" -> stringMap(json, labels);
                case "values" -> {
                    if (json.peek() == JsonToken.NULL) {
                        json.nextNull();
                        continue;
                    }
                    json.beginArray();
                    while (json.hasNext()) {
                        entries.add(entry(json));
                    }
                    json.endArray();
                }
                default -> json.skipValue();
            }
        }
        json.endObject();
        StringBuilder selector = new StringBuilder("{");
        labels.forEach((name, value) -> {
            if (selector.length() > 1) {
                selector.append(", ");
            }
            selector.append(name).append('=').append(StreamLabelsParser.quote(value));
        });
        return new PushStream(selector.append('}').toString(), entries);
    }

    private static PushStream.Entry entry(JsonReader json) throws IOException {
        json.beginArray();
        if (!json.hasNext() || json.peek() != JsonToken.STRING) {
            throw malformed("an entry must start with its timestamp as a string of Unix nanoseconds", json);
        }
        String timestamp = json.nextString();
        long nanos;
        try {
            nanos = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw malformed("entry timestamp \"" + timestamp + "\" is not an integer of Unix nanoseconds", json);
        }
        if (!json.hasNext() || json.peek() != JsonToken.STRING) {
            throw malformed("an entry's second element must be the log line as a string", json);
        }
        String line = json.nextString();
        List<LokiLabel> metadata = List.of();
        if (json.hasNext()) {
            if (json.peek() != JsonToken.BEGIN_OBJECT) {
                throw malformed("an entry's third element must be an object of structured metadata", json);
            }
            Map<String, String> pairs = new java.util.LinkedHashMap<>();
            stringMap(json, pairs);
            metadata = new ArrayList<>(pairs.size());
            for (Map.Entry<String, String> pair : pairs.entrySet()) {
                metadata.add(new LokiLabel(pair.getKey(), pair.getValue()));
            }
        }
        if (json.hasNext()) {
            throw malformed("an entry has at most 3 elements: timestamp, line, structured metadata", json);
        }
        json.endArray();
        return new PushStream.Entry(nanos, line, metadata);
    }

    private static void stringMap(JsonReader json, Map<String, String> into) throws IOException {
        if (json.peek() == JsonToken.NULL) {
            json.nextNull();
            return;
        }
        json.beginObject();
        while (json.hasNext()) {
            String name = json.nextName();
            if (json.peek() != JsonToken.STRING) {
                throw malformed("the value of \"" + name + "\" must be a string", json);
            }
            into.put(name, json.nextString());
        }
        json.endObject();
    }

    private static MalformedPushException malformed(String message, JsonReader json) {
        return new MalformedPushException("invalid JSON push request: " + message + " at " + json.getPath());
    }
}
