package io.sightline.query.logql.parser;

/** A number, {@code 2} or {@code -0.5}: a scalar operand of a binary operation, or a query by itself. */
public record LiteralExpr(double value) implements SampleExpr {
    @Override
    public String toString() {
        return LogqlPrinter.print(this);
    }
}
