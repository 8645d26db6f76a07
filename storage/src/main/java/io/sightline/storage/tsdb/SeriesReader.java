package io.sightline.storage.tsdb;

import java.util.List;
import java.util.Set;

/** One source a querier reads from: the head or a block. Thread-safe. */
interface SeriesReader {
    /**
     * Series matching every matcher with at least one sample in [mint, maxt], in any order, as a new
     * list the caller may reorder.
     */
    List<Series> select(List<LabelMatcher> matchers, long mint, long maxt);

    /** Adds the label names of the matching series (all when no matchers) to {@code out}. */
    void labelNames(List<LabelMatcher> matchers, long mint, long maxt, Set<String> out);

    /** Adds the values of label {@code name} of the matching series to {@code out}. */
    void labelValues(String name, List<LabelMatcher> matchers, long mint, long maxt, Set<String> out);

    /** Series with samples in range, as labels and chunk handles: what blocks are written from. */
    record ChunkSeries(Labels labels, List<ChunkHandle> chunks) {
    }

    /**
     * A found series: its chunks, read within the querier's range. {@link #hasSamples} may have to
     * decode up to the first sample in range; the first {@link #iterator()} then starts there rather
     * than decoding it again (later calls start afresh).
     */
    final class RangeSeries implements Series {
        private final Labels labels;
        private final List<ChunkHandle> chunks;
        private final long mint;
        private final long maxt;
        private ChunkedIterator positioned;

        RangeSeries(Labels labels, List<ChunkHandle> chunks, long mint, long maxt) {
            this.labels = labels;
            this.chunks = chunks;
            this.mint = mint;
            this.maxt = maxt;
        }

        @Override
        public Labels labels() {
            return labels;
        }

        List<ChunkHandle> chunks() {
            return chunks;
        }

        @Override
        public synchronized SampleIterator iterator() {
            ChunkedIterator first = positioned;
            if (first != null) {
                positioned = null;
                return new OnFirstSample(first);
            }
            return new ChunkedIterator(chunks, mint, maxt);
        }

        /**
         * Whether a sample lies in [mint, maxt]: from the chunks' bounds when a chunk's first or
         * known last sample falls in the range (no decoding, the common case), else, for a chunk
         * that spans the range (the head's open chunk, whose last time readers do not know), by
         * decoding up to its first sample in range.
         */
        synchronized boolean hasSamples() {
            for (ChunkHandle chunk : chunks) {
                long first = chunk.minTime();
                long last = chunk.maxTime();
                if (first > maxt) {
                    return false;
                }
                if (last < mint) {
                    continue;
                }
                if (first >= mint || last != Long.MAX_VALUE && last <= maxt) {
                    return true;
                }
                break;
            }
            ChunkedIterator iterator = new ChunkedIterator(chunks, mint, maxt);
            if (!iterator.next()) {
                return false;
            }
            positioned = iterator;
            return true;
        }
    }

    /** An iterator already on its first sample, which its first {@code next} or {@code seek} keeps. */
    final class OnFirstSample implements SampleIterator {
        private final SampleIterator positioned;
        private boolean started;

        OnFirstSample(SampleIterator positioned) {
            this.positioned = positioned;
        }

        @Override
        public boolean next() {
            if (!started) {
                started = true;
                return true;
            }
            return positioned.next();
        }

        @Override
        public boolean seek(long timestampMs) {
            started = true;
            return positioned.seek(timestampMs);
        }

        @Override
        public long timestamp() {
            return positioned.timestamp();
        }

        @Override
        public double value() {
            return positioned.value();
        }
    }
}
