package io.sightline.storage.traces;

import java.nio.charset.StandardCharsets;

/**
 * Trace and span ids as bytes. A canonical id (lowercase hex of the expected length) is kept as its
 * raw bytes, half the size; anything else a sender put there is kept as text, so every id reads back
 * as it was given.
 */
final class SpanIds {
    static final int TRACE_ID_BYTES = 16;
    static final int SPAN_ID_BYTES = 8;
    /**
     * First byte of a non-canonical trace id's term (never in UTF-8), and its last when the term would
     * otherwise be 16 bytes long: a 16-byte term is always a raw id, whose first byte may be 0xff too.
     */
    private static final byte TEXT_TERM = (byte) 0xff;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SpanIds() {
    }

    /** Whether {@code id} is {@code bytes} bytes as lowercase hex. */
    static boolean canonical(String id, int bytes) {
        if (id.length() != bytes * 2) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Writes the raw bytes of a canonical hex id into {@code out} at {@code offset}. */
    static void parseHex(String id, byte[] out, int offset) {
        for (int i = 0; i < id.length(); i += 2) {
            out[offset + i / 2] = (byte) ((digit(id.charAt(i)) << 4) | digit(id.charAt(i + 1)));
        }
    }

    static String hex(byte[] bytes, int offset, int length) {
        char[] chars = new char[length * 2];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xff;
            chars[2 * i] = HEX[b >>> 4];
            chars[2 * i + 1] = HEX[b & 0xf];
        }
        return new String(chars);
    }

    /**
     * The index term of a trace id: its 16 raw bytes when canonical, else 0xff followed by its UTF-8,
     * and another 0xff when that would make 16 bytes. The length tells the forms apart: a raw id may
     * begin with 0xff (one random id in 256), so the first byte cannot.
     */
    static byte[] traceTerm(String traceId) {
        if (canonical(traceId, TRACE_ID_BYTES)) {
            byte[] term = new byte[TRACE_ID_BYTES];
            parseHex(traceId, term, 0);
            return term;
        }
        byte[] text = traceId.getBytes(StandardCharsets.UTF_8);
        boolean padded = text.length + 1 == TRACE_ID_BYTES;
        byte[] term = new byte[text.length + (padded ? 2 : 1)];
        term[0] = TEXT_TERM;
        System.arraycopy(text, 0, term, 1, text.length);
        if (padded) {
            term[term.length - 1] = TEXT_TERM;
        }
        return term;
    }

    /** The trace id of a term made by {@link #traceTerm}. */
    static String traceIdOf(byte[] term, int offset, int length) {
        if (length != TRACE_ID_BYTES && length > 0 && term[offset] == TEXT_TERM) {
            boolean padded = length == TRACE_ID_BYTES + 1 && term[offset + length - 1] == TEXT_TERM;
            return new String(term, offset + 1, length - (padded ? 2 : 1), StandardCharsets.UTF_8);
        }
        return hex(term, offset, length);
    }

    private static int digit(char c) {
        return c <= '9' ? c - '0' : c - 'a' + 10;
    }
}
