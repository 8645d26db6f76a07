package io.sightline.query.promql.engine;

/** A string value (same at every step). */
record TextValue(String value) implements EvalValue {
}
