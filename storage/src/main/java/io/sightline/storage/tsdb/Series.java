package io.sightline.storage.tsdb;

/** A series found by a querier: its labels and its samples within the querier's range. */
public interface Series {
    Labels labels();

    /** A fresh iterator over the samples in the querier's [mint, maxt]. */
    SampleIterator iterator();
}
