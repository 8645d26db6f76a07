package io.sightline.ingest.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The attribute keys of one request as the wire reader meets them, by their UTF-8 bytes: a key
 * recurs on every point, so its {@code String} and label name are made once, not once a point.
 * A small direct-mapped cache ({@value #SLOTS} slots); a key that collides is simply made again.
 * Not thread-safe; one per request.
 */
final class AttributeKeys {
    /** Far more than the distinct keys of a typical request (a handful), so collisions are rare. */
    private static final int SLOTS = 64;

    private final MetricsMapping mapping;
    private final byte[][] utf8 = new byte[SLOTS][];
    private final String[] keys = new String[SLOTS];
    private final EncodedText[] names = new EncodedText[SLOTS];

    AttributeKeys(MetricsMapping mapping) {
        this.mapping = mapping;
    }

    /** The slot now holding the key in {@code bytes[start, end)}. */
    int slot(byte[] bytes, int start, int end) {
        int hash = 1;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + bytes[i];
        }
        int slot = (hash ^ hash >>> 16) & (SLOTS - 1);
        byte[] cached = utf8[slot];
        if (cached == null || !Arrays.equals(cached, 0, cached.length, bytes, start, end)) {
            utf8[slot] = Arrays.copyOfRange(bytes, start, end);
            keys[slot] = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            names[slot] = mapping.labelName(keys[slot]);
        }
        return slot;
    }

    String key(int slot) {
        return keys[slot];
    }

    EncodedText name(int slot) {
        return names[slot];
    }
}
