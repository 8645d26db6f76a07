package io.sightline.query.logql.engine;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;

/**
 * The JSON expressions of {@code | json name="expr"}: {@code a.b}, {@code a[0]}, {@code ["a b"]},
 * combined. A path is a list of keys (String) and indexes (Integer). Stateless.
 */
final class JsonPaths {
    private JsonPaths() {
    }

    static List<Object> parse(String expression) {
        List<Object> path = new ArrayList<>();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int close = expression.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("invalid JSON expression " + expression);
                }
                String inside = expression.substring(i + 1, close).strip();
                if (inside.startsWith("\"") && inside.endsWith("\"") && inside.length() >= 2) {
                    path.add(inside.substring(1, inside.length() - 1));
                } else {
                    try {
                        path.add(Integer.parseInt(inside));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid JSON expression " + expression, e);
                    }
                }
                i = close + 1;
            } else {
                int end = i;
                while (end < n && expression.charAt(end) != '.' && expression.charAt(end) != '[') {
                    end++;
                }
                path.add(expression.substring(i, end));
                i = end;
            }
        }
        return path;
    }

    /** The value at {@code path}: a string unquoted, anything else as JSON text, "" when missing. */
    static String extract(JsonElement root, List<Object> path) {
        JsonElement at = root;
        for (Object step : path) {
            if (step instanceof Integer index) {
                if (!at.isJsonArray() || index < 0 || index >= at.getAsJsonArray().size()) {
                    return "";
                }
                at = at.getAsJsonArray().get(index);
            } else {
                if (!at.isJsonObject() || !at.getAsJsonObject().has((String) step)) {
                    return "";
                }
                at = at.getAsJsonObject().get((String) step);
            }
        }
        if (at.isJsonNull()) {
            return "";
        }
        if (at.isJsonPrimitive() && at.getAsJsonPrimitive().isString()) {
            return at.getAsString();
        }
        return at.toString();
    }
}
