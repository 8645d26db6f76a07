package io.sightline.query.api.loki;

import java.util.ArrayList;
import java.util.List;

import io.sightline.query.api.BadRequestException;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * Parses a LogQL stream selector, {@code {app="api", env=~"prod|stage", level!=`debug`}}, into label
 * matchers: what {@code /series}' {@code match[]}, {@code /labels}' and {@code /index/stats}' {@code query}
 * hold. Strings are Go strings ({@code "..."} with escapes, or raw {@code `...`}); names are
 * {@code [a-zA-Z_][a-zA-Z0-9_]*}. As in Loki, at least one matcher must not match the empty value.
 *
 * <p>This is the API's own small parser: no LogQL parser was on main when it was written; once the
 * engine offers one, its selector parsing should replace this class.
 */
final class StreamSelectorParser {
    private final String text;
    private int pos;

    private StreamSelectorParser(String text) {
        this.text = text;
    }

    /**
     * The matchers of {@code selector}.
     *
     * @throws BadRequestException with {@code parse error at line L, col C: ...}
     */
    static List<LabelMatcher> parse(String selector) {
        StreamSelectorParser parser = new StreamSelectorParser(selector);
        List<LabelMatcher> matchers = parser.selector();
        if (matchers.stream().allMatch(m -> m.matches(""))) {
            throw new BadRequestException("parse error : queries require at least one regexp or equality matcher "
                    + "that does not match the empty value, e.g. app=~\".+\" rather than app=~\".*\"");
        }
        return matchers;
    }

    private List<LabelMatcher> selector() {
        skipSpace();
        expect('{');
        List<LabelMatcher> matchers = new ArrayList<>();
        do {
            skipSpace();
            matchers.add(matcher());
            skipSpace();
        } while (consume(','));
        expect('}');
        skipSpace();
        if (pos < text.length()) {
            throw error("syntax error: unexpected " + describe() + " after the selector");
        }
        return matchers;
    }

    private LabelMatcher matcher() {
        int start = pos;
        String name = name();
        skipSpace();
        LabelMatcher.Type type = operator();
        skipSpace();
        String value = string();
        try {
            return LabelMatcher.of(type, name, value);
        } catch (IllegalArgumentException e) {
            pos = start;
            throw error(e.getMessage());
        }
    }

    private String name() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean letter = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!letter && !(pos > start && c >= '0' && c <= '9')) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw error("syntax error: unexpected " + describe() + ", expecting a label name");
        }
        return text.substring(start, pos);
    }

    private LabelMatcher.Type operator() {
        if (consume('=')) {
            return consume('~') ? LabelMatcher.Type.REGEX : LabelMatcher.Type.EQUAL;
        }
        if (consume('!')) {
            if (consume('=')) {
                return LabelMatcher.Type.NOT_EQUAL;
            }
            if (consume('~')) {
                return LabelMatcher.Type.NOT_REGEX;
            }
            pos--;
        }
        throw error("syntax error: unexpected " + describe() + ", expecting = or != or =~ or !~");
    }

    private String string() {
        if (consume('`')) {
            int end = text.indexOf('`', pos);
            if (end < 0) {
                throw error("literal not terminated");
            }
            String raw = text.substring(pos, end);
            pos = end + 1;
            return raw;
        }
        if (!consume('"')) {
            throw error("syntax error: unexpected " + describe() + ", expecting STRING");
        }
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
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case '\\', '"', '\'' -> out.append(e);
                case 'u' -> out.append(hex(4));
                case 'U' -> out.appendCodePoint(Integer.parseInt(hex(8), 16));
                case 'x' -> out.append((char) Integer.parseInt(hex(2), 16));
                default -> throw error("invalid escape \\" + e + " in string");
            }
        }
        throw error("literal not terminated");
    }

    private String hex(int digits) {
        if (pos + digits > text.length()
                || !text.substring(pos, pos + digits).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw error("invalid escape in string");
        }
        String h = text.substring(pos, pos + digits);
        pos += digits;
        return digits == 4 ? String.valueOf((char) Integer.parseInt(h, 16)) : h;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean consume(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("syntax error: unexpected " + describe() + ", expecting " + c);
        }
    }

    private String describe() {
        return pos >= text.length() ? "end of input" : "\"" + text.charAt(pos) + "\"";
    }

    private BadRequestException error(String problem) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new BadRequestException("parse error at line " + line + ", col " + col + ": " + problem);
    }
}
