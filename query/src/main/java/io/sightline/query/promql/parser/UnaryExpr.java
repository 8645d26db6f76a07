package io.sightline.query.promql.parser;

import java.util.Objects;

/** {@code -expr} or {@code +expr} (number literals fold the sign in instead, as in Prometheus). */
public record UnaryExpr(boolean negate, Expr expr, int position) implements Expr {
    public UnaryExpr {
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
