package io.sightline.query.promql.parser;

import java.util.Objects;

/** A range vector selector {@code selector[range]}; offset and {@code @} live on the selector. */
public record MatrixSelector(VectorSelector selector, long rangeMs, int position) implements Expr {
    public MatrixSelector {
        Objects.requireNonNull(selector, "selector");
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
