package io.sightline.storage.tsdb.chunk;

import io.sightline.storage.tsdb.SampleIterator;

/**
 * What both chunk decoders share: a bit reader past the header, at most {@code count} samples in
 * time order, and seeking by stepping forward. Subclasses decode the first sample and each next
 * one. Not thread-safe.
 */
abstract class ChunkIterator implements SampleIterator {
    final BitReader in;
    private final int count;
    /** Samples decoded so far. */
    int read;
    private boolean exhausted;
    /** The current sample's time, Unix milliseconds. */
    long time;

    ChunkIterator(byte[] bytes, int headerBytes, int count) {
        this.in = new BitReader(bytes, headerBytes * 8L);
        this.count = count;
    }

    /** Decodes the chunk's first sample (read is 0). */
    abstract void readFirst();

    /** Decodes the sample after the current one (read is at least 1). */
    abstract void readNext();

    @Override
    public final boolean next() {
        if (read >= count) {
            exhausted = true;
            return false;
        }
        if (read == 0) {
            readFirst();
        } else {
            readNext();
        }
        read++;
        return true;
    }

    @Override
    public final boolean seek(long timestampMs) {
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
    public final long timestamp() {
        return time;
    }
}
