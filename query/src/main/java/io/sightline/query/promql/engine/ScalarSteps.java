package io.sightline.query.promql.engine;

/** A scalar at every step (always present; may be NaN). */
record ScalarSteps(double[] values) implements EvalValue {
    static ScalarSteps constant(double v, int steps) {
        double[] values = new double[steps];
        java.util.Arrays.fill(values, v);
        return new ScalarSteps(values);
    }
}
