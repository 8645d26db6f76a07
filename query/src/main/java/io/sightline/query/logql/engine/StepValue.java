package io.sightline.query.logql.engine;

import java.util.List;

/** What a metric query node evaluates to at every step: a scalar or a vector of series. */
sealed interface StepValue {
    /** A number per step (literals). */
    record Scalar(double[] values) implements StepValue {
    }

    /** Series, each present at some steps; no two with the same labels. */
    record Vector(List<StepSeries> series) implements StepValue {
        public Vector {
            series = List.copyOf(series);
        }
    }
}
