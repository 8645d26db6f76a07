package io.sightline.query.promql.engine;

import io.sightline.storage.tsdb.Labels;

/** One series' samples (no stale markers), ascending in time, in primitive arrays. */
record RangeSeries(Labels labels, long[] times, double[] values, int size) {
}
