package io.sightline.query.promql.parser;

import java.util.Objects;

/** {@code (expr)}. */
public record ParenExpr(Expr expr, int position) implements Expr {
    public ParenExpr {
        Objects.requireNonNull(expr, "expr");
    }

    @Override
    public ValueType type() {
        return expr.type();
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
