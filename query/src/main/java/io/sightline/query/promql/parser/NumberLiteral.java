package io.sightline.query.promql.parser;

/**
 * A number, e.g. {@code 1}, {@code -2.5e3}, {@code 0x1f}, {@code Inf}; or a duration used as a
 * number of seconds ({@code 5m} is 300), which prints back as a duration.
 */
public record NumberLiteral(double value, boolean duration, int position) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
