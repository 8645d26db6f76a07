package io.sightline.query.promql.parser;

import java.util.Objects;

/** A string literal (unquoted value). */
public record StringLiteral(String value, int position) implements Expr {
    public StringLiteral {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
