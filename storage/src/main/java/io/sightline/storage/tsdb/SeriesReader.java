package io.sightline.storage.tsdb;

import java.util.List;
import java.util.Set;

/** One source a querier reads from: the head or a block. Thread-safe. */
interface SeriesReader {
    /** Series matching every matcher with at least one sample in [mint, maxt], in any order. */
    List<Series> select(List<LabelMatcher> matchers, long mint, long maxt);

    /** Adds the label names of the matching series (all when no matchers) to {@code out}. */
    void labelNames(List<LabelMatcher> matchers, long mint, long maxt, Set<String> out);

    /** Adds the values of label {@code name} of the matching series to {@code out}. */
    void labelValues(String name, List<LabelMatcher> matchers, long mint, long maxt, Set<String> out);

    /** Series with samples in range, as labels and chunk handles: what blocks are written from. */
    record ChunkSeries(Labels labels, List<ChunkHandle> chunks) {
    }

    /** A found series: its chunks, read within the querier's range. */
    record RangeSeries(Labels labels, List<ChunkHandle> chunks, long mint, long maxt) implements Series {
        @Override
        public SampleIterator iterator() {
            return new ChunkedIterator(chunks, mint, maxt);
        }

        /**
         * Whether a sample lies in [mint, maxt]: from the chunks' bounds when a chunk's first or
         * known last sample falls in the range (no decoding, the common case), else, for a chunk
         * that spans the range, by decoding up to its first sample in range.
         */
        boolean hasSamples() {
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
            return iterator().next();
        }
    }
}
