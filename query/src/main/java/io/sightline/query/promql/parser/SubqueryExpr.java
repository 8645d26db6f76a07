package io.sightline.query.promql.parser;

import java.util.Objects;

/**
 * A subquery {@code expr[range:step] @ t offset d}.
 *
 * @param stepMs the step, or 0 when omitted ({@code [5m:]}: the engine's default subquery step)
 */
public record SubqueryExpr(Expr expr, long rangeMs, long stepMs, long offsetMs, AtModifier at, int position)
        implements Expr {
    public SubqueryExpr {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
