package io.sightline.query.logql.parser;

import java.util.Objects;

/**
 * {@code sum by (app) (rate(...))}, {@code topk(10, ...)}.
 *
 * @param op       the aggregation
 * @param expr     what is aggregated
 * @param param    k of {@code topk}/{@code bottomk} (at least 1); 0 for the others
 * @param grouping the grouping; {@link Grouping#NONE} when none was written
 */
public record VectorAggregationExpr(VectorOp op, SampleExpr expr, int param, Grouping grouping) implements SampleExpr {
    public VectorAggregationExpr {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(grouping, "grouping");
    }

    @Override
    public String toString() {
        return LogqlPrinter.print(this);
    }
}
