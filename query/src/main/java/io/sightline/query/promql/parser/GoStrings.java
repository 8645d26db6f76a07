package io.sightline.query.promql.parser;

/**
 * String literals as Go (and so PromQL) reads and writes them: {@code "..."} and {@code '...'} with
 * Go's escapes ({@code \n \t \\ \" \xFF \u00e9 \U0001F600 \101} ...), {@code `...`} raw.
 */
public final class GoStrings {
    private GoStrings() {
    }

    /**
     * The value of a quoted literal.
     *
     * @throws IllegalArgumentException {@code invalid syntax} for a bad escape
     */
    public static String unquote(String quoted) {
        char quote = quoted.charAt(0);
        String body = quoted.substring(1, quoted.length() - 1);
        if (quote == '`') {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == quote) {
                throw new IllegalArgumentException("invalid syntax");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= body.length()) {
                throw new IllegalArgumentException("invalid syntax");
            }
            char e = body.charAt(i);
            switch (e) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '\\' -> out.append('\\');
                case '\'', '"' -> {
                    if (e != quote) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    out.append(e);
                }
                case 'x' -> i = appendCode(out, body, i + 1, 2, 16) - 1;
                case 'u' -> i = appendCode(out, body, i + 1, 4, 16) - 1;
                case 'U' -> i = appendCode(out, body, i + 1, 8, 16) - 1;
                default -> {
                    if (e >= '0' && e <= '7') {
                        i = appendCode(out, body, i, 3, 8) - 1;
                    } else {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                }
            }
        }
        return out.toString();
    }

    private static int appendCode(StringBuilder out, String body, int from, int digits, int radix) {
        if (from + digits > body.length()) {
            throw new IllegalArgumentException("invalid syntax");
        }
        int code;
        try {
            code = Integer.parseInt(body.substring(from, from + digits), radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid syntax", e);
        }
        if ((radix == 8 && code > 255) || code > Character.MAX_CODE_POINT) {
            throw new IllegalArgumentException("invalid syntax");
        }
        out.appendCodePoint(code);
        return from + digits;
    }

    /** Go's strconv.Quote: double quotes, printable characters kept, the rest escaped. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 11 -> out.append("\\v");
                default -> {
                    if (isPrintable(cp)) {
                        out.appendCodePoint(cp);
                    } else if (cp < 0x80) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x10000) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    private static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                 Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Go's string order: byte order of the UTF-8 encodings, which is code point order (not UTF-16's). */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
