package io.sightline.storage.tsdb.chunk;

/** Decodes a prefix of an XOR chunk's samples (layout in {@link XorAppender}). Not thread-safe. */
final class XorIterator extends ChunkIterator {
    private long delta;
    private long bits;
    private int leading;
    private int trailing;

    XorIterator(byte[] bytes, int count) {
        this(bytes, count, null, null);
    }

    XorIterator(byte[] bytes, int count, Object chunk, SeekHint.Slot hints) {
        super(bytes, XorChunk.HEADER_BYTES, count, chunk, hints);
    }

    @Override
    SeekHint hint(Object chunk, int read, long bitPosition, long time) {
        return new SeekHint(chunk, read, bitPosition, time, delta, bits, leading, trailing);
    }

    @Override
    void restore(SeekHint hint) {
        delta = hint.state0;
        bits = hint.state1;
        leading = (int) hint.state2;
        trailing = (int) hint.state3;
    }

    @Override
    void readFirst() {
        time = in.readVarint();
        bits = in.readBits(64);
    }

    @Override
    void readNext() {
        long dod = readDeltaOfDelta();
        delta = read == 1 ? dod : delta + dod;
        time += delta;
        readValue();
    }

    @Override
    public double value() {
        return Double.longBitsToDouble(bits);
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
