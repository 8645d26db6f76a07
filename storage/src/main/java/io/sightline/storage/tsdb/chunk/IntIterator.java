package io.sightline.storage.tsdb.chunk;

import io.sightline.storage.tsdb.SampleIterator;

/** Decodes an integer chunk (layout in {@link IntChunkEncoder}). Not thread-safe. */
final class IntIterator implements SampleIterator {
    private final BitReader in;
    private final int count;
    private final boolean deltaOfDelta;
    private final int width;
    private final int timeWidth;
    private final double divisor;
    private int read;
    private boolean exhausted;
    private long time;
    private long timeDelta;
    private long value;
    private long valueDelta;
    private long bias;

    IntIterator(byte[] bytes, int count) {
        int params = bytes[2] & 0xff;
        this.in = new BitReader(bytes, IntChunk.HEADER_BYTES * 8L);
        this.count = count;
        this.deltaOfDelta = IntChunkEncoder.isDeltaOfDelta(params);
        this.width = IntChunkEncoder.widthOf(params);
        this.timeWidth = (bytes[3] & 15) + 1;
        this.divisor = IntChunkEncoder.POWERS_OF_TEN[IntChunkEncoder.scaleOf(params)];
    }

    @Override
    public boolean next() {
        if (read >= count) {
            exhausted = true;
            return false;
        }
        if (read == 0) {
            time = readVarint();
            value = readVarint();
            bias = readVarint();
        } else {
            timeDelta += readResidual(timeWidth);
            time += timeDelta;
            long residual = readResidual(width) + bias;
            valueDelta = deltaOfDelta ? valueDelta + residual : residual;
            value += valueDelta;
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

    /** The stored integer over 10^scale: the encoder checked this gives the appended double back. */
    @Override
    public double value() {
        return value / divisor;
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
