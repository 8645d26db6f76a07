package io.sightline.sample.services;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services' JSON: one flat object whose values are strings, numbers, booleans or null, which
 * is all their bodies hold. Hand-written because the module carries no JSON library (Helidon's
 * JSON media support is missing from the mirror at 4.5.0). Stateless.
 */
final class FlatJson {
    private FlatJson() {}

    /**
     * Reads {@code {"name": value, ...}}; numbers come back as {@link BigDecimal}, so callers
     * decide how strictly to read them.
     *
     * @throws BadRequestException for anything else, with the offset of the problem
     */
    static Map<String, Object> parse(String text) {
        return new Reader(text).object();
    }

    /** Writes the entries in order; values are strings, numbers, booleans or null. */
    static String write(Map<String, ?> entries) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, ?> entry : entries.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, entry.getKey());
            out.append(':');
            Object value = entry.getValue();
            if (value == null || value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                quote(out, value.toString());
            }
        }
        return out.append('}').toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A cursor over one document; not thread-safe, used once. */
    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        Map<String, Object> object() {
            Map<String, Object> result = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') {
                pos++;
            } else {
                do {
                    String name = string();
                    expect(':');
                    result.put(name, value());
                } while (consume(','));
                expect('}');
            }
            if (peek() != 0) {
                throw problem("unexpected text after the object");
            }
            return result;
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (text.startsWith("true", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("false", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (text.startsWith("null", pos)) {
                pos += 4;
                return null;
            }
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                return new BigDecimal(text.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw problem("expected a string, number, true, false or null (objects and arrays are not accepted)");
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw problem("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw problem("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> out.append(e);
                }
            }
            throw problem("unterminated string");
        }

        private char peek() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        private boolean consume(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!consume(c)) {
                throw problem("expected '" + c + "'");
            }
        }

        private BadRequestException problem(String what) {
            return new BadRequestException("body is not a flat JSON object: " + what + " at offset " + pos);
        }
    }
}
