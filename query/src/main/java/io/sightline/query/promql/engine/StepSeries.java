package io.sightline.query.promql.engine;

import io.sightline.storage.tsdb.Labels;

/**
 * One series of an instant vector evaluated at every step: {@code values[i]} is its value at step i
 * or {@link Absent#VALUE}. Mutable while its node computes it, then treated as read-only.
 */
final class StepSeries {
    final Labels labels;
    final double[] values;

    StepSeries(Labels labels, double[] values) {
        this.labels = labels;
        this.values = values;
    }

    boolean present(int step) {
        return !Absent.is(values[step]);
    }

    int count() {
        int n = 0;
        for (double v : values) {
            if (!Absent.is(v)) {
                n++;
            }
        }
        return n;
    }
}
