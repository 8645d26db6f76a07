package io.sightline.storage.tsdb.chunk;

/** Decodes an integer chunk (layout in {@link IntChunkEncoder}). Not thread-safe. */
final class IntIterator extends ChunkIterator {
    private final boolean deltaOfDelta;
    private final int width;
    private final int timeWidth;
    private final double divisor;
    private long timeDelta;
    private long value;
    private long valueDelta;
    private long bias;

    IntIterator(byte[] bytes, int count) {
        this(bytes, count, null, null);
    }

    IntIterator(byte[] bytes, int count, Object chunk, SeekHint.Slot hints) {
        super(bytes, IntChunk.HEADER_BYTES, count, chunk, hints);
        int params = bytes[2] & 0xff;
        this.deltaOfDelta = IntChunkEncoder.isDeltaOfDelta(params);
        this.width = IntChunkEncoder.widthOf(params);
        this.timeWidth = (bytes[3] & 15) + 1;
        this.divisor = IntChunkEncoder.POWERS_OF_TEN[IntChunkEncoder.scaleOf(params)];
    }

    @Override
    SeekHint hint(Object chunk, int read, long bitPosition, long time) {
        return new SeekHint(chunk, read, bitPosition, time, timeDelta, value, valueDelta, bias);
    }

    @Override
    void restore(SeekHint hint) {
        timeDelta = hint.state0;
        value = hint.state1;
        valueDelta = hint.state2;
        bias = hint.state3;
    }

    @Override
    void readFirst() {
        time = in.readVarint();
        value = in.readVarint();
        bias = in.readVarint();
    }

    @Override
    void readNext() {
        timeDelta += readResidual(timeWidth);
        time += timeDelta;
        long residual = readResidual(width) + bias;
        valueDelta = deltaOfDelta ? valueDelta + residual : residual;
        value += valueDelta;
    }

    /** The stored integer over 10^scale: the encoder checked this gives the appended double back. */
    @Override
    public double value() {
        return value / divisor;
    }

    /** Buckets: '0', '10'+w, '110'+(w+6), '1110'+(w+14), '1111'+64 bits, two's complement. */
    private long readResidual(int width) {
        int ones = 0;
        while (ones < 4 && in.readBit()) {
            ones++;
        }
        if (ones == 0) {
            return 0;
        }
        int bits = IntChunkEncoder.bucketWidth(width, ones);
        long raw = in.readBits(bits);
        return bits == 64 ? raw : (raw << (64 - bits)) >> (64 - bits);
    }
}
