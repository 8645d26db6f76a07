package io.sightline.query.promql.engine;

/** What evaluating a node over all steps yields. */
sealed interface EvalValue permits ScalarSteps, TextValue, VectorSteps, RangeSteps {
}
