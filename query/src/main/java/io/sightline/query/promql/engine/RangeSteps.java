package io.sightline.query.promql.engine;

import java.util.List;

/**
 * A range vector for every step: each series' samples, and for step i the window
 * {@code (windowEnds[i] - rangeMs, windowEnds[i]]} (left-open, as Prometheus 3). Window ends never
 * decrease from step to step, so functions slide two indexes over each series once.
 */
record RangeSteps(List<RangeSeries> series, long[] windowEnds, long rangeMs) implements EvalValue {
    long windowStart(int step) {
        return windowEnds[step] - rangeMs;
    }
}
