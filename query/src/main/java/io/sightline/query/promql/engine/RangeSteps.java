package io.sightline.query.promql.engine;

import java.util.List;

/**
 * A range vector for every step: each series' samples, and for step i the window
 * {@code (windowEnds[i] - rangeMs, windowEnds[i]]} (left-open, as Prometheus 3), or with
 * {@code closed} {@code [windowEnds[i] - rangeMs, windowEnds[i]]} (Prometheus 2). Window ends never
 * decrease from step to step, so functions slide two indexes over each series once.
 */
record RangeSteps(List<RangeSeries> series, long[] windowEnds, long rangeMs, boolean closed) implements EvalValue {
    /** The window's start as rate's extrapolation measures from it: {@code end - range}. */
    long windowStart(int step) {
        return windowEnds[step] - rangeMs;
    }

    /** The latest time not in the window: samples at or before it are left out. */
    long excludedUpTo(int step) {
        return windowStart(step) - (closed ? 1 : 0);
    }
}
