package io.sightline.query.logql.parser;

/** {@code vector(1)}: one series without labels holding {@code value} at every step. */
public record VectorExpr(double value) implements SampleExpr {
    @Override
    public String toString() {
        return LogqlPrinter.print(this);
    }
}
