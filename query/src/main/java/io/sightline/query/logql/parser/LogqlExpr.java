package io.sightline.query.logql.parser;

/**
 * A parsed LogQL query: either a log query ({@link LogSelectorExpr}, answering log lines) or a
 * metric query ({@link SampleExpr}, answering samples). Every node is an immutable record;
 * {@code toString()} gives Loki's canonical text ({@link LogqlPrinter}), which parses back to an
 * equal tree.
 */
public sealed interface LogqlExpr permits LogSelectorExpr, SampleExpr {
}
