package io.sightline.query.logql.engine;

import java.util.BitSet;

import io.sightline.storage.tsdb.Labels;

/**
 * One series of a metric query node: a value at each evaluation step where {@link #present} is set.
 * Mutable while the node that makes it runs; not thread-safe.
 */
final class StepSeries {
    final Labels labels;
    final double[] values;
    final BitSet present;

    StepSeries(Labels labels, int steps) {
        this.labels = labels;
        this.values = new double[steps];
        this.present = new BitSet(steps);
    }

    void set(int step, double value) {
        values[step] = value;
        present.set(step);
    }

    boolean has(int step) {
        return present.get(step);
    }

    boolean isEmpty() {
        return present.isEmpty();
    }
}
