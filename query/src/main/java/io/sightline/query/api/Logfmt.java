package io.sightline.query.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code key=value} pairs separated by spaces, values optionally in double quotes with backslash
 * escapes: what Jaeger UI's tags box takes ({@code http.status_code=500 error=true}) and what Tempo's
 * {@code tags} parameter carries. Stateless.
 */
public final class Logfmt {
    private Logfmt() {
    }

    /** The pairs in order; a later key replaces an earlier one. */
    public static Map<String, String> pairs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            while (pos < n && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= n) {
                break;
            }
            int keyStart = pos;
            while (pos < n && text.charAt(pos) != '=' && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            String key = text.substring(keyStart, pos);
            if (pos >= n || text.charAt(pos) != '=' || key.isEmpty()) {
                throw new BadRequestException("malformed tags, expecting key=value: " + text);
            }
            pos++;
            StringBuilder value = new StringBuilder();
            if (pos < n && text.charAt(pos) == '"') {
                pos++;
                boolean closed = false;
                while (pos < n) {
                    char c = text.charAt(pos++);
                    if (c == '\\' && pos < n) {
                        value.append(text.charAt(pos++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new BadRequestException("malformed tags, unterminated quote: " + text);
                }
            } else {
                while (pos < n && !Character.isWhitespace(text.charAt(pos))) {
                    value.append(text.charAt(pos++));
                }
            }
            out.put(key, value.toString());
        }
        return out;
    }
}
