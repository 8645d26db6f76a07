package io.sightline.sample.httpload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Builds one request's bytes in a reusable array: method, base path, the endpoint's filled path,
 * the fixed head, and for a body its type, length and UTF-8 bytes. One per user; not thread-safe.
 */
final class RequestBuffer {

    private static final byte[] JSON_TYPE = "Content-Type: application/json\r\nContent-Length: "
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};

    private final StringBuilder text = new StringBuilder(256);
    private byte[] bytes = new byte[1024];
    private int length;

    /** Fills {@code route}'s templates and returns the request's length in {@link #bytes()}. */
    int build(LoadPlan plan, LoadPlan.Route route, SplittableRandom random, OrderIds orderIds) {
        length = 0;
        append(route.methodSpace());
        text.setLength(0);
        text.append(plan.basePath);
        route.path().fill(text, random, orderIds);
        appendAscii(text);
        append(plan.headTail);
        if (route.body().isEmpty()) {
            append(CRLF);
            return length;
        }
        text.setLength(0);
        route.body().fill(text, random, orderIds);
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        append(JSON_TYPE);
        text.setLength(0);
        text.append(body.length);
        appendAscii(text);
        append(CRLF);
        append(CRLF);
        append(body);
        return length;
    }

    byte[] bytes() {
        return bytes;
    }

    /** Appends a path; characters outside ASCII are percent-encoded as UTF-8 (RFC 3986). */
    private void appendAscii(CharSequence s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes[length++] = (byte) c;
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
            for (byte b : s.subSequence(i, end).toString().getBytes(StandardCharsets.UTF_8)) {
                ensure(3);
                bytes[length++] = '%';
                bytes[length++] = (byte) Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16));
                bytes[length++] = (byte) Character.toUpperCase(Character.forDigit(b & 0xF, 16));
            }
            ensure(s.length() - end);
            i = end - 1;
        }
    }

    private void append(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
