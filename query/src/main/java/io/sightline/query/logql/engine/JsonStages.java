package io.sightline.query.logql.engine;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import io.sightline.query.logql.parser.PipelineStage.LabelExtraction;

/**
 * Loki's {@code json} and {@code unpack} parsers. {@code json} without parameters flattens nested
 * objects into {@code outer_inner} labels, skips arrays, keeps numbers as written and turns null into
 * ""; with parameters it extracts only the given JSON expressions ({@code a.b}, {@code c[0]},
 * {@code ["d e"]}), an object or array as its JSON text, a missing path as "". {@code unpack} takes
 * the string fields of an object as labels and {@code _entry} as the new line. A line that is not a
 * JSON object gets {@code __error__=JSONParserErr}. Stateless; one instance per query.
 */
final class JsonStages {
    static final String JSON_ERROR = "JSONParserErr";
    private static final String PACKED_ENTRY = "_entry";

    private JsonStages() {
    }

    static LineStage all() {
        return line -> {
            try (JsonReader reader = strictReader(line.line)) {
                if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                    throw new IOException("Value looks like " + reader.peek().name().toLowerCase() + ", expected object");
                }
                flatten(reader, null, line.labels);
                if (reader.peek() != JsonToken.END_DOCUMENT) {
                    throw new IOException("unexpected content after the object");
                }
            } catch (IOException | RuntimeException e) {
                line.labels.setError(JSON_ERROR, message(e));
            }
            return true;
        };
    }

    private static void flatten(JsonReader reader, String prefix, LineLabels labels) throws IOException {
        reader.beginObject();
        while (reader.hasNext()) {
            String key = reader.nextName();
            String name = prefix == null ? ParsedNames.sanitize(key, true) : prefix + "_" + ParsedNames.sanitize(key, false);
            switch (reader.peek()) {
                case BEGIN_OBJECT -> flatten(reader, name, labels);
                case BEGIN_ARRAY -> reader.skipValue();
                case STRING, NUMBER -> ParsedNames.set(labels, name, reader.nextString());
                case BOOLEAN -> ParsedNames.set(labels, name, Boolean.toString(reader.nextBoolean()));
                case NULL -> {
                    reader.nextNull();
                    ParsedNames.set(labels, name, "");
                }
                default -> reader.skipValue();
            }
        }
        reader.endObject();
    }

    static LineStage expressions(List<LabelExtraction> extractions) {
        List<String> names = new ArrayList<>();
        List<List<Object>> paths = new ArrayList<>();
        for (LabelExtraction extraction : extractions) {
            names.add(extraction.label());
            paths.add(JsonPaths.parse(extraction.expression()));
        }
        return line -> {
            JsonElement root;
            try (JsonReader reader = strictReader(line.line)) {
                root = JsonParser.parseReader(reader);
                if (!root.isJsonObject()) {
                    throw new IOException("expected a JSON object");
                }
            } catch (IOException | RuntimeException e) {
                line.labels.setError(JSON_ERROR, message(e));
                return true;
            }
            for (int i = 0; i < names.size(); i++) {
                ParsedNames.set(line.labels, names.get(i), JsonPaths.extract(root, paths.get(i)));
            }
            return true;
        };
    }

    static LineStage unpack() {
        return line -> {
            String entry = null;
            try (JsonReader reader = strictReader(line.line)) {
                reader.beginObject();
                while (reader.hasNext()) {
                    String key = reader.nextName();
                    if (reader.peek() != JsonToken.STRING) {
                        reader.skipValue();
                        continue;
                    }
                    String value = reader.nextString();
                    if (key.equals(PACKED_ENTRY)) {
                        entry = value;
                    } else {
                        ParsedNames.set(line.labels, ParsedNames.sanitize(key, true), value);
                    }
                }
                reader.endObject();
            } catch (IOException | RuntimeException e) {
                line.labels.setError(JSON_ERROR, message(e));
                return true;
            }
            if (entry != null) {
                line.line = entry;
            }
            return true;
        };
    }

    private static JsonReader strictReader(String text) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        return reader;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
