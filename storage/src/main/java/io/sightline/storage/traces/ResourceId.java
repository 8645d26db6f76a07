package io.sightline.storage.traces;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The id of a set of resource attributes: the first 128 bits of SHA-256 over the attributes in key
 * order (encoded as in the stored spans). Deterministic, so replays and restarts give the same id
 * and a partition defines each resource once.
 */
record ResourceId(long high, long low) {
    static final int BYTES = 16;

    /** The id of a non-empty resource. */
    static ResourceId of(Map<String, Object> resource) {
        SpanBytes canonical = new SpanBytes(256);
        AttributeCodec.write(canonical, new TreeMap<>(resource));
        byte[] digest;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(canonical.array(), 0, canonical.length());
            digest = sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        return new ResourceId(longAt(digest, 0), longAt(digest, 8));
    }

    static ResourceId read(SpanInput in) {
        return new ResourceId(longAt(in), longAt(in));
    }

    void write(SpanBytes out) {
        writeLong(out, high);
        writeLong(out, low);
    }

    byte[] bytes() {
        SpanBytes out = new SpanBytes(BYTES);
        write(out);
        return out.toArray();
    }

    private static void writeLong(SpanBytes out, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.writeByte((byte) (value >>> shift));
        }
    }

    private static long longAt(SpanInput in) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (in.readByte() & 0xff);
        }
        return value;
    }

    private static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }
}
