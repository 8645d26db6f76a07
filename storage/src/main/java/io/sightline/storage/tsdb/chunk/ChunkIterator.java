package io.sightline.storage.tsdb.chunk;

import io.sightline.storage.tsdb.SampleIterator;

/**
 * What both chunk decoders share: a bit reader past the header, at most {@code count} samples in
 * time order, and seeking by stepping forward, from a {@link SeekHint} when one lies on the way.
 * Subclasses decode the first sample and each next one. Not thread-safe.
 */
abstract class ChunkIterator implements SampleIterator {
    /**
     * A seek that decoded this many samples leaves a hint on the sample it found: often enough that
     * a window read every scrape interval decodes about half this many extra, rarely enough that
     * repeated reads allocate a hint only every this many scrapes.
     */
    static final int HINT_AFTER_DECODING = 16;

    final BitReader in;
    private final int count;
    private final Object chunk;
    private final SeekHint.Slot hints;
    /** Samples decoded so far. */
    int read;
    private boolean exhausted;
    /** The current sample's time, Unix milliseconds. */
    long time;

    /**
     * @param chunk the chunk decoded (hints name it); with {@code hints}, null when there are none
     * @param hints where this chunk's readers find and leave hints, or null
     */
    ChunkIterator(byte[] bytes, int headerBytes, int count, Object chunk, SeekHint.Slot hints) {
        this.in = new BitReader(bytes, headerBytes * 8L);
        this.count = count;
        this.chunk = chunk;
        this.hints = hints;
    }

    /** The decoder's registers, {@link SeekHint}'s {@code state0..3}. */
    abstract SeekHint hint(Object chunk, int read, long bitPosition, long time);

    /** Takes the registers of {@code hint} (its position and time are restored by the caller). */
    abstract void restore(SeekHint hint);

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
        if (hints != null) {
            SeekHint hint = hints.seekHint();
            // The hint may come from a reader that saw more of an open chunk: only a sample this
            // reader may see, before the target, ahead of where it is.
            if (hint != null && hint.chunk == chunk && hint.read > read && hint.read <= count
                    && hint.time < timestampMs) {
                in.position(hint.bitPosition);
                read = hint.read;
                time = hint.time;
                restore(hint);
            }
        }
        int from = read;
        while (next()) {
            if (time >= timestampMs) {
                if (hints != null && read - from >= HINT_AFTER_DECODING) {
                    hints.seekHint(hint(chunk, read, in.position(), time));
                }
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
