package io.sightline.query.promql.parser;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code op [by|without (labels)] ([param,] expr)}.
 *
 * @param grouping the labels of {@code by} or {@code without}, as written
 * @param without  whether the grouping is {@code without}
 */
public record AggregateExpr(AggregationOp op, Expr expr, Optional<Expr> param, List<String> grouping, boolean without,
                            int position) implements Expr {
    public AggregateExpr {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(param, "param");
        grouping = List.copyOf(grouping);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
