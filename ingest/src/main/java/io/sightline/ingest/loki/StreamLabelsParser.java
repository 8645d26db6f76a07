package io.sightline.ingest.loki;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a Loki stream's labels string, a LogQL stream selector of equality matchers such as
 * {@code {job="varlogs", app="api"}}, into its pairs in the order written. Grammar (blanks allowed
 * between tokens):
 * <pre>
 * selector = "{" [ matcher { "," matcher } ] "}"
 * matcher  = name "=" value
 * name     = [a-zA-Z_][a-zA-Z0-9_]*
 * value    = Go interpreted string "…": a backslash escapes a b f n r t v, backslash, quote,
 *            3 octal digits, x + 2, u + 4 or U + 8 hexadecimal digits
 *          | Go raw string `…`
 * </pre>
 * Values must be valid UTF-8 after unescaping. Duplicate names are returned as written: judging
 * them (and empty selectors) is the caller's, which words Loki's messages. Stateless.
 */
final class StreamLabelsParser {
    private StreamLabelsParser() {
    }

    /** The pairs of {@code labels}; an empty list for {@code {}} and for a blank string. */
    static List<LokiLabel> parse(String labels) {
        Cursor in = new Cursor(labels.getBytes(StandardCharsets.UTF_8));
        in.blanks();
        if (in.atEnd()) {
            return List.of();
        }
        in.expect('{', "'{'");
        List<LokiLabel> pairs = new ArrayList<>();
        in.blanks();
        if (!in.consume('}')) {
            do {
                in.blanks();
                String name = in.name();
                in.blanks();
                in.expect('=', "'=' after label name \"" + name + "\"");
                in.blanks();
                pairs.add(new LokiLabel(name, in.value(name)));
                in.blanks();
            } while (in.consume(','));
            in.expect('}', "',' or '}'");
        }
        in.blanks();
        if (!in.atEnd()) {
            throw in.error("unexpected '" + (char) in.peek() + "' after '}'");
        }
        return pairs;
    }

    /**
     * {@code value} as a Go interpreted string literal (with quotes) that {@link #parse} reads back
     * exactly: the JSON push path turns its label object into a selector this way, as Loki does.
     */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static boolean nameStart(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean namePart(int c) {
        return nameStart(c) || c >= '0' && c <= '9';
    }

    /** A position in the UTF-8 bytes of the labels string. */
    private static final class Cursor {
        private final byte[] bytes;
        private int position;

        Cursor(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean atEnd() {
            return position >= bytes.length;
        }

        int peek() {
            return bytes[position] & 0xFF;
        }

        void blanks() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) {
                position++;
            }
        }

        boolean consume(char c) {
            if (!atEnd() && peek() == c) {
                position++;
                return true;
            }
            return false;
        }

        void expect(char c, String what) {
            if (!consume(c)) {
                throw error("expected " + what + (atEnd() ? " but the labels end" : ", found '" + (char) peek() + "'"));
            }
        }

        String name() {
            int start = position;
            if (atEnd() || !nameStart(peek())) {
                throw error(atEnd() ? "expected a label name but the labels end"
                        : "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*), found '" + (char) peek() + "'");
            }
            while (!atEnd() && namePart(peek())) {
                position++;
            }
            return new String(bytes, start, position - start, StandardCharsets.US_ASCII);
        }

        String value(String name) {
            if (consume('`')) {
                int start = position;
                while (!atEnd() && peek() != '`') {
                    position++;
                }
                if (atEnd()) {
                    throw error("unterminated raw string value of label \"" + name + "\"");
                }
                position++;
                return utf8(java.util.Arrays.copyOfRange(bytes, start, position - 1), name);
            }
            expect('"', "a quoted value for label \"" + name + "\"");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                if (atEnd() || peek() == '\n') {
                    throw error("unterminated string value of label \"" + name + "\"");
                }
                int c = bytes[position++] & 0xFF;
                if (c == '"') {
                    return utf8(out.toByteArray(), name);
                }
                if (c != '\\') {
                    out.write(c);
                    continue;
                }
                escape(out, name);
            }
        }

        private void escape(ByteArrayOutputStream out, String name) {
            if (atEnd()) {
                throw error("unterminated string value of label \"" + name + "\"");
            }
            int c = bytes[position++] & 0xFF;
            switch (c) {
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case '\\' -> out.write('\\');
                case '"' -> out.write('"');
                case 'x' -> out.write(digits(2, 16, name));
                case 'u', 'U' -> {
                    int codePoint = digits(c == 'u' ? 4 : 8, 16, name);
                    if (codePoint > Character.MAX_CODE_POINT || codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                        throw error("escape \\" + (char) c + " of label \"" + name + "\" is not a valid code point");
                    }
                    out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    position--;
                    int value = digits(3, 8, name);
                    if (value > 255) {
                        throw error("octal escape of label \"" + name + "\" is over 255");
                    }
                    out.write(value);
                }
                default -> throw error("unknown escape \\" + (char) c + " in the value of label \"" + name + "\"");
            }
        }

        private int digits(int count, int radix, String name) {
            long value = 0;
            for (int i = 0; i < count; i++) {
                int digit = atEnd() ? -1 : Character.digit(peek(), radix);
                if (digit < 0) {
                    throw error("escape in the value of label \"" + name + "\" needs " + count
                            + (radix == 16 ? " hexadecimal" : " octal") + " digits");
                }
                value = value * radix + digit;
                position++;
            }
            return value > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) value;
        }

        private String utf8(byte[] value, String name) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(value)).toString();
            } catch (CharacterCodingException e) {
                throw error("the value of label \"" + name + "\" is not valid UTF-8");
            }
        }

        InvalidLabelsException error(String message) {
            return new InvalidLabelsException(message + " at column " + (position + 1));
        }
    }
}
