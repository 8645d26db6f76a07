package io.sightline.query.logql.parser;

import java.util.Objects;

import io.sightline.query.promql.parser.VectorMatching;

/**
 * {@code lhs op [bool] [on|ignoring (...)] [group_left|group_right (...)] rhs}. At most one side is
 * a {@link LiteralExpr} (two literals are folded at parse time) and neither side of a set operator
 * is one.
 *
 * @param matching how samples pair up, PromQL's record: cardinality {@code MANY_TO_MANY} for the set
 *                 operators, {@code MANY_TO_ONE}/{@code ONE_TO_MANY} for {@code group_left}/{@code
 *                 group_right}, else {@code ONE_TO_ONE}
 */
public record BinaryExpr(BinaryOp op, SampleExpr lhs, SampleExpr rhs, boolean returnBool, VectorMatching matching)
        implements SampleExpr {
    public BinaryExpr {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(rhs, "rhs");
        Objects.requireNonNull(matching, "matching");
    }

    @Override
    public String toString() {
        return LogqlPrinter.print(this);
    }
}
