package io.sightline.storage.tsdb;

/**
 * Walks one series' samples in ascending time order. Not thread-safe. Stale markers are returned
 * as samples (value {@link Sample#STALE_NAN}); the query engine interprets them.
 */
public interface SampleIterator {
    /** Advances to the next sample; false when there is none. */
    boolean next();

    /**
     * Advances to the first sample at or after {@code timestampMs} (staying put when the current
     * sample already is); false when there is none.
     */
    boolean seek(long timestampMs);

    /** The current sample's time, Unix milliseconds. */
    long timestamp();

    double value();

    SampleIterator EMPTY = new SampleIterator() {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public boolean seek(long timestampMs) {
            return false;
        }

        @Override
        public long timestamp() {
            throw new IllegalStateException("no sample");
        }

        @Override
        public double value() {
            throw new IllegalStateException("no sample");
        }
    };
}
