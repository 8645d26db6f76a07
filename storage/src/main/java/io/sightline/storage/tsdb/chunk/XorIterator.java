package io.sightline.storage.tsdb.chunk;

import io.sightline.storage.tsdb.SampleIterator;

/** Decodes a prefix of an XOR chunk's samples (layout in {@link XorAppender}). Not thread-safe. */
final class XorIterator implements SampleIterator {
    private final BitReader in;
    private final int count;
    private int read;
    private boolean exhausted;
    private long time;
    private long delta;
    private long bits;
    private int leading;
    private int trailing;

    XorIterator(byte[] bytes, int count) {
        this.in = new BitReader(bytes, XorChunk.HEADER_BYTES * 8L);
        this.count = count;
    }

    @Override
    public boolean next() {
        if (read >= count) {
            exhausted = true;
            return false;
        }
        if (read == 0) {
            time = readVarint();
            bits = in.readBits(64);
        } else {
            long dod = readDeltaOfDelta();
            delta = read == 1 ? dod : delta + dod;
            time += delta;
            readValue();
        }
        read++;
        return true;
    }

    @Override
    public boolean seek(long timestampMs) {
        if (exhausted) {
            return false;
        }
        if (read > 0 && time >= timestampMs) {
            return true;
        }
        while (next()) {
            if (time >= timestampMs) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long timestamp() {
        return time;
    }

    @Override
    public double value() {
        return Double.longBitsToDouble(bits);
    }

    private long readVarint() {
        long zigzag = 0;
        int shift = 0;
        long b;
        do {
            b = in.readBits(8);
            zigzag |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    private long readDeltaOfDelta() {
        int ones = 0;
        while (ones < 4 && in.readBit()) {
            ones++;
        }
        int width = switch (ones) {
            case 0 -> 0;
            case 1 -> 7;
            case 2 -> 14;
            case 3 -> 20;
            default -> 64;
        };
        if (width == 0) {
            return 0;
        }
        long raw = in.readBits(width);
        return width == 64 ? raw : (raw << (64 - width)) >> (64 - width);
    }

    private void readValue() {
        if (!in.readBit()) {
            return;
        }
        if (in.readBit()) {
            leading = (int) in.readBits(5);
            int significant = (int) in.readBits(6);
            if (significant == 0) {
                significant = 64;
            }
            trailing = 64 - leading - significant;
        }
        int significant = 64 - leading - trailing;
        bits ^= in.readBits(significant) << trailing;
    }
}
