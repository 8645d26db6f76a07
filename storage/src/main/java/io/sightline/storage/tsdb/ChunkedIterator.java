package io.sightline.storage.tsdb;

import java.util.List;

/**
 * Iterates a series' chunks in order (they do not overlap), limited to [mint, maxt], decoding only
 * chunks the range and seeks reach. Not thread-safe.
 */
final class ChunkedIterator implements SampleIterator {
    private final List<ChunkHandle> chunks;
    private final long mint;
    private final long maxt;
    private int nextChunk;
    private Positioned current;
    private boolean done;

    ChunkedIterator(List<ChunkHandle> chunks, long mint, long maxt) {
        this.chunks = chunks;
        this.mint = mint;
        this.maxt = maxt;
    }

    @Override
    public boolean next() {
        if (done) {
            return false;
        }
        if (current != null && current.next()) {
            return inRange();
        }
        return advance(mint);
    }

    @Override
    public boolean seek(long timestampMs) {
        if (done) {
            return false;
        }
        long target = Math.max(timestampMs, mint);
        if (current != null) {
            if (current.timestampSafe() >= target) {
                return true;
            }
            if (current.seek(target)) {
                return inRange();
            }
        }
        return advance(target);
    }

    /** Moves to the first sample at or after {@code target} in a later chunk. */
    private boolean advance(long target) {
        while (nextChunk < chunks.size()) {
            ChunkHandle chunk = chunks.get(nextChunk++);
            if (chunk.maxTime() < target) {
                continue;
            }
            if (chunk.minTime() > maxt) {
                break;
            }
            current = new Positioned(chunk.iterator());
            if (current.seek(target)) {
                return inRange();
            }
        }
        done = true;
        current = null;
        return false;
    }

    private boolean inRange() {
        if (current.timestamp() > maxt) {
            done = true;
            current = null;
            return false;
        }
        return true;
    }

    @Override
    public long timestamp() {
        return current.timestamp();
    }

    @Override
    public double value() {
        return current.value();
    }

    /** A chunk iterator that knows whether it is positioned on a sample. */
    private static final class Positioned implements SampleIterator {
        private final SampleIterator delegate;
        private boolean positioned;

        Positioned(SampleIterator delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean next() {
            positioned = delegate.next();
            return positioned;
        }

        @Override
        public boolean seek(long timestampMs) {
            positioned = delegate.seek(timestampMs);
            return positioned;
        }

        @Override
        public long timestamp() {
            return delegate.timestamp();
        }

        @Override
        public double value() {
            return delegate.value();
        }

        long timestampSafe() {
            return positioned ? delegate.timestamp() : Long.MIN_VALUE;
        }
    }
}
