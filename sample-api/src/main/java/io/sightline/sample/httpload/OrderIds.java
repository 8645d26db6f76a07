package io.sightline.sample.httpload;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The order ids a run has seen, for {@code {orderId}}: the {@code "id"} of 2xx answers to POSTs,
 * kept in a ring of the last {@code capacity} so that reads follow recent writes, as a shop's
 * customers look at the orders they just placed. Thread-safe and lock-free: users store and pick
 * at once; a pick may miss an id stored at the same moment.
 */
final class OrderIds {

    private final AtomicReferenceArray<String> ring;
    private final AtomicLong stored = new AtomicLong();

    /** @param capacity ids remembered, at least 1 */
    OrderIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("order ids remembered must be at least 1: " + capacity);
        }
        ring = new AtomicReferenceArray<>(capacity);
    }

    void remember(String id) {
        long slot = stored.getAndIncrement();
        ring.set((int) (slot % ring.length()), id);
    }

    /** Remembers the {@code "id"} of a JSON answer, if it has one at the top of the body. */
    void rememberFrom(byte[] body, int length) {
        String id = idOf(body, length);
        if (id != null) {
            remember(id);
        }
    }

    /** Ids remembered so far (at most the capacity). */
    int size() {
        return (int) Math.min(stored.get(), ring.length());
    }

    /** Appends a remembered id, or a random unknown one when none is. */
    void appendOne(StringBuilder out, SplittableRandom random) {
        int n = size();
        String id = n == 0 ? null : ring.get(random.nextInt(n));
        if (id == null) {
            out.append("ord-");
            String hex = Long.toHexString(random.nextLong());
            out.append("0".repeat(16 - hex.length())).append(hex);
        } else {
            out.append(id);
        }
    }

    /**
     * The value of the first {@code "id"} key in a JSON text: a string (without escapes) or a
     * number. A tiny scanner, not a JSON parser: the answers it reads are small objects like
     * {@code {"id":"o-42","sku":"SKU-7"}}, and a full parse per request would cost more than
     * the request. Null when there is none.
     */
    static String idOf(byte[] body, int length) {
        for (int i = 0; i + 4 <= length; i++) {
            if (body[i] == '"' && body[i + 1] == 'i' && body[i + 2] == 'd' && body[i + 3] == '"') {
                int j = i + 4;
                while (j < length && isSpace(body[j])) {
                    j++;
                }
                if (j >= length || body[j] != ':') {
                    continue;
                }
                j++;
                while (j < length && isSpace(body[j])) {
                    j++;
                }
                if (j < length && body[j] == '"') {
                    int end = j + 1;
                    while (end < length && body[end] != '"' && body[end] != '\\') {
                        end++;
                    }
                    return end < length && body[end] == '"' && end > j + 1
                            ? new String(body, j + 1, end - j - 1, StandardCharsets.UTF_8) : null;
                }
                int end = j;
                while (end < length && (Character.isDigit(body[end]) || body[end] == '-')) {
                    end++;
                }
                return end > j ? new String(body, j, end - j, StandardCharsets.US_ASCII) : null;
            }
        }
        return null;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
