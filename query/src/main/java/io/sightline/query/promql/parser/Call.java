package io.sightline.query.promql.parser;

import java.util.List;
import java.util.Objects;

/** A function call. */
public record Call(FunctionSignature function, List<Expr> args, int position) implements Expr {
    public Call {
        Objects.requireNonNull(function, "function");
        args = List.copyOf(args);
    }

    @Override
    public ValueType type() {
        return function.returnType();
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
