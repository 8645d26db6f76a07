package io.sightline.storage.tsdb;

import io.sightline.storage.tsdb.chunk.Chunk;
import io.sightline.storage.tsdb.chunk.SeekHint;
import io.sightline.storage.tsdb.chunk.XorAppender;

/** One chunk of a series as a querier sees it: the time range it may span and its samples. */
interface ChunkHandle {
    /** The oldest sample's time, exactly: readers conclude from it that a sample exists in a range. */
    long minTime();

    /**
     * The newest sample's time exactly, or {@link Long#MAX_VALUE} when unknown (an open chunk's);
     * never another bound, as readers conclude from it that a sample exists in a range.
     */
    long maxTime();

    SampleIterator iterator();

    static ChunkHandle of(Chunk chunk) {
        return of(chunk, null);
    }

    /** A sealed chunk whose readers find and leave {@link SeekHint}s in {@code hints} (null: none). */
    static ChunkHandle of(Chunk chunk, SeekHint.Slot hints) {
        return new ChunkHandle() {
            @Override
            public long minTime() {
                return chunk.minTime();
            }

            @Override
            public long maxTime() {
                return chunk.maxTime();
            }

            @Override
            public SampleIterator iterator() {
                return chunk.iterator(hints);
            }
        };
    }

    /** The head's open chunk: each iterator sees the samples published when it is made. */
    static ChunkHandle open(XorAppender appender) {
        return new ChunkHandle() {
            @Override
            public long minTime() {
                return appender.minTime();
            }

            @Override
            public long maxTime() {
                return Long.MAX_VALUE;
            }

            @Override
            public SampleIterator iterator() {
                return appender.iterator();
            }
        };
    }
}
