package io.sightline.query.api.prometheus;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The {@code <label_name>} path segment of {@code /label/<label_name>/values}, read as Prometheus 3
 * reads it: percent-decoded, then, when it starts with {@code U__}, unescaped from Prometheus's
 * value-encoding escaping ({@code U__http_2e_route} is {@code http.route}, {@code __} an underscore)
 * so that clients can ask for UTF-8 names; a name is valid when it is non-empty UTF-8 (Prometheus
 * 3's default name validation).
 */
final class LabelNameParameter {
    private static final String ESCAPED_PREFIX = "U__";

    private LabelNameParameter() {
    }

    /**
     * The label name of a raw (still percent-encoded) path segment.
     *
     * @throws ApiError bad_data {@code invalid label name: "..."}
     */
    static String parse(String rawSegment) {
        byte[] bytes = percentDecode(rawSegment);
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badData("invalid label name: " + goQuote(bytes));
        }
        if (name.startsWith(ESCAPED_PREFIX)) {
            name = unescape(name);
        }
        if (name.isEmpty()) {
            throw ApiError.badData("invalid label name: \"\"");
        }
        return name;
    }

    /** Prometheus's {@code UnescapeName} for value-encoding escaping; a malformed escape leaves the name as it is. */
    static String unescape(String name) {
        StringBuilder out = new StringBuilder();
        int i = ESCAPED_PREFIX.length();
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c != '_') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < name.length() && name.charAt(i + 1) == '_') {
                out.append('_');
                i += 2;
                continue;
            }
            int end = name.indexOf('_', i + 1);
            if (end < 0 || end == i + 1) {
                return name;
            }
            int codePoint;
            try {
                codePoint = Integer.parseInt(name, i + 1, end, 16);
            } catch (NumberFormatException e) {
                return name;
            }
            if (!Character.isValidCodePoint(codePoint) || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return name;
            }
            out.appendCodePoint(codePoint);
            i = end + 1;
        }
        return out.toString();
    }

    private static byte[] percentDecode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(utf8, 0, utf8.length);
        }
        return out.toByteArray();
    }

    /** Go's {@code %q} of bytes that are not UTF-8: printable ASCII as is, other bytes as {@code \xNN}. */
    private static String goQuote(byte[] bytes) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : bytes) {
            int v = b & 0xff;
            if (v == '"' || v == '\\') {
                out.append('\\').append((char) v);
            } else if (v >= 0x20 && v < 0x7f) {
                out.append((char) v);
            } else {
                out.append(String.format("\\x%02x", v));
            }
        }
        return out.append('"').toString();
    }
}
