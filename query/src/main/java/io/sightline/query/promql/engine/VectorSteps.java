package io.sightline.query.promql.engine;

import java.util.List;

/**
 * An instant vector at every step: the series that have a value at one step at least. The list
 * order is the output order of an instant query (selectors: by labels).
 */
record VectorSteps(List<StepSeries> series) implements EvalValue {
    long points() {
        long n = 0;
        for (StepSeries s : series) {
            n += s.count();
        }
        return n;
    }
}
