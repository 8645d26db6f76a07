package io.sightline.query.logql.parser;

/**
 * A LogQL metric query: what Loki calls a {@code SampleExpr}. Parentheses leave no node; a binary
 * operation between two number literals is folded into one literal at parse time, as Loki does.
 */
public sealed interface SampleExpr extends LogqlExpr
        permits RangeAggregationExpr, VectorAggregationExpr, BinaryExpr, LiteralExpr, VectorExpr, LabelReplaceExpr {
}
