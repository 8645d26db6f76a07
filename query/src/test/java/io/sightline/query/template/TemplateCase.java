package io.sightline.query.template;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of a {@code src/test/resources/template/*.cases} file:
 *
 * <pre>
 * ### name
 * template: {{ .a | printf "%05d" }}
 * data: {"a": 42}
 * output: 00042
 * </pre>
 *
 * A value after {@code template:}, {@code output:} or {@code error:} starting with a double quote
 * is a JSON string (for newlines and edge spaces), otherwise the rest of the line as written.
 * Optional keys: {@code functions: loki|prometheus}, {@code missingkey: zero|error},
 * {@code line:}/{@code timestamp:} (Loki's {@code __line__}/{@code __timestamp__}, nanoseconds),
 * {@code query:} (JSON list of {@code {"labels":{...},"value":v}} the query function answers),
 * {@code limits: steps=N output=N depth=N text=N}.
 */
record TemplateCase(String file, int line, String name, Map<String, String> keys) {

    String template() {
        return text("template");
    }

    String text(String key) {
        String raw = keys.get(key);
        if (raw == null) {
            return null;
        }
        return raw.startsWith("\"") ? JsonParser.parseString(raw).getAsString() : raw;
    }

    Object data() {
        String raw = keys.get("data");
        return raw == null ? null : toJava(JsonParser.parseString(raw));
    }

    /** JSON to the template data model: integers as {@code Long}, other numbers as {@code Double}. */
    static Object toJava(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e instanceof JsonObject o) {
            Map<String, Object> m = new LinkedHashMap<>();
            o.entrySet().forEach(en -> m.put(en.getKey(), toJava(en.getValue())));
            return m;
        }
        if (e instanceof JsonArray a) {
            List<Object> l = new ArrayList<>();
            a.forEach(x -> l.add(toJava(x)));
            return l;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            String s = p.getAsString();
            return s.contains(".") || s.contains("e") || s.contains("E") ? (Object) p.getAsDouble() : (Object) p.getAsLong();
        }
        return p.getAsString();
    }

    static List<TemplateCase> parse(String file, List<String> lines) {
        List<TemplateCase> cases = new ArrayList<>();
        String name = null;
        int start = 0;
        Map<String, String> keys = null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("### ")) {
                if (name != null) {
                    cases.add(new TemplateCase(file, start, name, keys));
                }
                name = l.substring(4).trim();
                start = i + 1;
                keys = new LinkedHashMap<>();
            } else if (!l.isBlank() && !l.startsWith("#")) {
                int colon = l.indexOf(':');
                if (name == null || colon < 0) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a key line: " + l);
                }
                String value = l.substring(colon + 1);
                keys.put(l.substring(0, colon).trim(), value.startsWith(" ") ? value.substring(1) : value);
            }
        }
        if (name != null) {
            cases.add(new TemplateCase(file, start, name, keys));
        }
        return cases;
    }
}
