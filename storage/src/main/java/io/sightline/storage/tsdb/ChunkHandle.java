package io.sightline.storage.tsdb;

import io.sightline.storage.tsdb.chunk.XorAppender;
import io.sightline.storage.tsdb.chunk.XorChunk;

/** One chunk of a series as a querier sees it: the time range it may span and its samples. */
interface ChunkHandle {
    long minTime();

    /** The newest sample's time, or an upper bound of it (an open chunk's is unknown). */
    long maxTime();

    SampleIterator iterator();

    static ChunkHandle of(XorChunk chunk) {
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
                return chunk.iterator();
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
