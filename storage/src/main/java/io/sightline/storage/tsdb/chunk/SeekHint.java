package io.sightline.storage.tsdb.chunk;

/**
 * A decoder's state on one sample of one chunk, left by a reader so that the next reader seeking
 * past that sample starts there instead of decoding the chunk from its first sample. Rules and
 * dashboards evaluated at "now" read the same short window near a chunk's end every few seconds;
 * without a hint each read decodes on average half a chunk to reach it.
 *
 * <p>Immutable: its final fields make it safe to hand between threads through a plain field.
 * {@code state0..3} are the decoder's own registers ({@link XorIterator}: time delta, value bits,
 * window; {@link IntIterator}: time delta, value, value delta, bias).
 */
public final class SeekHint {
    final Object chunk;
    final int read;
    final long bitPosition;
    final long time;
    final long state0;
    final long state1;
    final long state2;
    final long state3;

    SeekHint(Object chunk, int read, long bitPosition, long time, long state0, long state1, long state2,
             long state3) {
        this.chunk = chunk;
        this.read = read;
        this.bitPosition = bitPosition;
        this.time = time;
        this.state0 = state0;
        this.state1 = state1;
        this.state2 = state2;
        this.state3 = state3;
    }

    /** Where readers of some chunks keep the newest hint; a hint names its chunk, so a slot may outlive it. */
    public interface Slot {
        SeekHint seekHint();

        void seekHint(SeekHint hint);
    }
}
