package io.sightline.query.template;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.Streams;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text to template values as Go's {@code encoding/json} decodes into {@code interface{}}: every number a float64. */
final class JsonValues {
    private JsonValues() {
    }

    /** The decoded value, or null when the text is not one strict JSON value (Sprig's {@code fromJson}). */
    static Object parseOrNull(String text) {
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement e = Streams.parse(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                return null;
            }
            return toValue(e);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Object toValue(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e instanceof JsonObject o) {
            Map<String, Object> m = new LinkedHashMap<>();
            o.entrySet().forEach(en -> m.put(en.getKey(), toValue(en.getValue())));
            return m;
        }
        if (e instanceof JsonArray a) {
            List<Object> l = new ArrayList<>(a.size());
            a.forEach(x -> l.add(toValue(x)));
            return l;
        }
        JsonPrimitive p = (JsonPrimitive) e;
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        return p.isNumber() ? (Object) p.getAsDouble() : p.getAsString();
    }
}
