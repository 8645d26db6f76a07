package io.sightline.ingest.export;

import io.sightline.storage.tsdb.Labels;

/**
 * A label set in the form Loki's push API reads and prints: {@code {a="b", c="d"}}, names in the
 * set's (sorted) order, values quoted as Go's {@code strconv.Quote} quotes them (Loki prints labels
 * with Prometheus's {@code labels.String()}, which uses it): {@code \"} and {@code \\}; printable
 * characters as they are (Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols
 * and the ASCII space, judged here by Java's Unicode tables); {@code \a \b \f \n \r \t \v}; other
 * characters below U+0020 and U+007F as {@code \xhh}; other unprintable ones as <code>&#92;uhhhh</code> or
 * <code>&#92;Uhhhhhhhh</code>, lowercase hex. A lone surrogate (which UTF-8 cannot carry) is written as
 * U+FFFD. Stateless.
 */
final class LokiLabelsText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LokiLabelsText() {
    }

    static String of(Labels labels) {
        StringBuilder out = new StringBuilder(16 * labels.size() + 2).append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(labels.name(i)).append('=');
            quote(labels.value(i), out);
        }
        return out.append('}').toString();
    }

    /** Appends {@code value} Go-quoted. */
    static void quote(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isSurrogate((char) c) && c <= Character.MAX_VALUE) {
                c = 0xFFFD;
            }
            switch (c) {
                case '"', '\\' -> out.append('\\').append((char) c);
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                default -> {
                    if (printable(c)) {
                        out.appendCodePoint(c);
                    } else if (c < ' ' || c == 0x7F) {
                        hex(out.append("\\x"), c, 2);
                    } else if (c <= Character.MAX_VALUE) {
                        hex(out.append("\\u"), c, 4);
                    } else {
                        hex(out.append("\\U"), c, 8);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean printable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                 Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    private static void hex(StringBuilder out, int c, int digits) {
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            out.append(HEX[(c >>> shift) & 0xF]);
        }
    }
}
