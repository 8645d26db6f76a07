package io.sightline.query.promql.parser;

import java.util.Objects;

/**
 * {@code lhs op [bool] [on|ignoring(...)] [group_left|group_right(...)] rhs}. {@code matching} is
 * meaningful only when both sides are instant vectors.
 */
public record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool, int position)
        implements Expr {
    public BinaryExpr {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(rhs, "rhs");
        Objects.requireNonNull(matching, "matching");
    }

    @Override
    public ValueType type() {
        return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
