package io.sightline.query.promql.parser;

import io.sightline.query.promql.PromqlParseException;

/** Prometheus's checks after parsing: operand types, function arguments, modifier misuse. */
final class TypeChecker {
    private final String query;

    TypeChecker(String query) {
        this.query = query;
    }

    void check(Expr expr) {
        switch (expr) {
            case NumberLiteral n -> { }
            case StringLiteral s -> { }
            case VectorSelector vs -> { }
            case MatrixSelector ms -> { }
            case ParenExpr p -> check(p.expr());
            case UnaryExpr u -> {
                check(u.expr());
                ValueType t = u.expr().type();
                if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
                    throw error(u, "unary expression only allowed on expressions of type scalar or instant vector, "
                            + "got \"" + t.documentedName() + "\"");
                }
            }
            case SubqueryExpr sq -> {
                check(sq.expr());
                if (sq.expr().type() != ValueType.VECTOR) {
                    throw error(sq, "subquery is only allowed on instant vector, got " + sq.expr().type().apiName()
                            + " instead");
                }
            }
            case AggregateExpr a -> {
                check(a.expr());
                expectType(a.expr(), ValueType.VECTOR, "aggregation expression");
                if (a.param().isPresent()) {
                    check(a.param().get());
                    expectType(a.param().get(), a.op().parameterType(), "aggregation parameter");
                }
            }
            case Call c -> checkCall(c);
            case BinaryExpr b -> checkBinary(b);
        }
    }

    private void checkCall(Call c) {
        FunctionSignature f = c.function();
        if (f.experimental()) {
            throw error(c, "function \"" + f.name() + "\" is not enabled");
        }
        int declared = f.argTypes().size();
        int given = c.args().size();
        if (f.variadic() == 0) {
            if (declared != given) {
                throw error(c, "expected " + declared + " argument(s) in call to \"" + f.name() + "\", got " + given);
            }
        } else {
            int least = declared - 1;
            if (least > given) {
                throw error(c, "expected at least " + least + " argument(s) in call to \"" + f.name() + "\", got "
                        + given);
            }
            if (f.variadic() > 0 && least + f.variadic() < given) {
                throw error(c, "expected at most " + (least + f.variadic()) + " argument(s) in call to \""
                        + f.name() + "\", got " + given);
            }
        }
        for (int i = 0; i < given; i++) {
            Expr arg = c.args().get(i);
            check(arg);
            ValueType want = f.argTypes().get(Math.min(i, declared - 1));
            expectType(arg, want, "call to function \"" + f.name() + "\"");
        }
    }

    private void checkBinary(BinaryExpr b) {
        check(b.lhs());
        check(b.rhs());
        ValueType lt = b.lhs().type();
        ValueType rt = b.rhs().type();
        if (b.returnBool() && !b.op().isComparison()) {
            throw error(b, "bool modifier can only be used on comparison operators");
        }
        if (b.op().isComparison() && !b.returnBool() && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw error(b, "comparisons between scalars must use BOOL modifier");
        }
        VectorMatching m = b.matching();
        if (m.on()) {
            for (String l : m.include()) {
                if (m.matchingLabels().contains(l)) {
                    throw error(b, "label \"" + l + "\" must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
            throw error(b.lhs(), "binary expression must contain only scalar and instant vector types");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
            throw error(b.rhs(), "binary expression must contain only scalar and instant vector types");
        }
        if (lt != ValueType.VECTOR || rt != ValueType.VECTOR) {
            if (!m.matchingLabels().isEmpty() || m.on()) {
                throw error(b, "vector matching only allowed between instant vectors");
            }
        } else if (b.op().isSetOperator()) {
            if (m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY
                    || m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE) {
                throw error(b, "no grouping allowed for \"" + b.op().symbol() + "\" operation");
            }
        }
        if ((lt == ValueType.SCALAR || rt == ValueType.SCALAR) && b.op().isSetOperator()) {
            throw error(b, "set operator \"" + b.op().symbol() + "\" not allowed in binary scalar expression");
        }
    }

    private void expectType(Expr e, ValueType want, String context) {
        if (e.type() != want) {
            throw error(e, "expected type " + want.documentedName() + " in " + context + ", got "
                    + e.type().documentedName());
        }
    }

    private PromqlParseException error(Expr at, String message) {
        return new PromqlParseException(query, at.position(), message);
    }
}
