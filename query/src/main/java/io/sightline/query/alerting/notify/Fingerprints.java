package io.sightline.query.alerting.notify;

import java.nio.charset.StandardCharsets;

import io.sightline.storage.tsdb.Labels;

/**
 * Alertmanager's alert fingerprint: prometheus/common's {@code model.LabelSet.Fingerprint}, FNV-1a 64
 * over each label's name, a 0xFF separator byte, its value and another 0xFF, names in sorted order; an
 * empty set hashes to the FNV offset basis. Printed as 16 lower-case hex digits ({@code %016x}), as the
 * webhook payload and {@code /api/v2/alerts} show it. Names are taken in {@link Labels}' order (Java's
 * UTF-16 order), which equals Go's byte order for every name but ones mixing characters above U+E000
 * with supplementary characters. Stateless; thread-safe.
 */
final class Fingerprints {
    /** FNV-1a 64 offset basis (FNV specification). */
    private static final long OFFSET_64 = 0xcbf29ce484222325L;
    /** FNV-1a 64 prime (FNV specification). */
    private static final long PRIME_64 = 0x100000001b3L;
    /** A byte that cannot occur in UTF-8, so "a"+"bc" and "ab"+"c" hash differently. */
    private static final int SEPARATOR = 0xff;

    private Fingerprints() {
    }

    static long of(Labels labels) {
        long hash = OFFSET_64;
        for (int i = 0; i < labels.size(); i++) {
            hash = add(hash, labels.name(i));
            hash = addByte(hash, SEPARATOR);
            hash = add(hash, labels.value(i));
            hash = addByte(hash, SEPARATOR);
        }
        return hash;
    }

    static String hex(long fingerprint) {
        String digits = Long.toHexString(fingerprint);
        return "0".repeat(16 - digits.length()) + digits;
    }

    private static long add(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = addByte(hash, b & 0xff);
        }
        return hash;
    }

    private static long addByte(long hash, int b) {
        return (hash ^ b) * PRIME_64;
    }
}
