package io.sightline.query.promql.parser;

/**
 * A node of a parsed PromQL expression. All nodes are immutable records; {@code toString()} gives
 * Prometheus's canonical one-line text ({@link Printer}; {@link Prettier} splits it as
 * {@code /api/v1/format_query} answers).
 */
public sealed interface Expr permits NumberLiteral, StringLiteral, VectorSelector, MatrixSelector, SubqueryExpr,
        UnaryExpr, BinaryExpr, AggregateExpr, Call, ParenExpr {
    /** The type this expression evaluates to. */
    ValueType type();

    /** 0-based offset in the query where the expression starts. */
    int position();
}
