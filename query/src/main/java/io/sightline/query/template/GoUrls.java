package io.sightline.query.template;

import io.sightline.query.promql.parser.GoStrings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Go's {@code url.QueryUnescape}, and where Go's base64 decoder reports bad input. */
final class GoUrls {
    private GoUrls() {
    }

    /** {@code +} becomes a space, {@code %XX} a byte; a bad escape fails as Go words it. */
    static String queryUnescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= bytes.length || hex(bytes[i + 1]) < 0 || hex(bytes[i + 2]) < 0) {
                    String bad = new String(bytes, i, Math.min(3, bytes.length - i), StandardCharsets.UTF_8);
                    throw new IllegalArgumentException("invalid URL escape " + GoStrings.quote(bad));
                }
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The offset Go's {@code CorruptInputError} names: the first char outside the alphabet, else the end. */
    static int firstBadBase64Byte(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/' || (c == '=' && i >= s.length() - 2);
            if (!ok) {
                return i;
            }
        }
        return s.length() - s.length() % 4;
    }
}
