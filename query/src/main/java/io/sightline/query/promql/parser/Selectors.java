package io.sightline.query.promql.parser;

import java.util.ArrayList;
import java.util.List;

import io.sightline.storage.tsdb.LabelMatcher;

/**
 * The selectors of a parsed query: what {@code /api/v1/query_exemplars} and the UI's explorer read
 * exemplars for. Stateless.
 */
public final class Selectors {
    private Selectors() {
    }

    /** The matchers of every vector selector in {@code expr}, in the order they are written. */
    public static List<List<LabelMatcher>> of(Expr expr) {
        List<List<LabelMatcher>> out = new ArrayList<>();
        collect(expr, out);
        return out;
    }

    private static void collect(Expr expr, List<List<LabelMatcher>> out) {
        switch (expr) {
            case VectorSelector vs -> out.add(vs.matchers());
            case MatrixSelector ms -> out.add(ms.selector().matchers());
            case SubqueryExpr sq -> collect(sq.expr(), out);
            case UnaryExpr u -> collect(u.expr(), out);
            case ParenExpr p -> collect(p.expr(), out);
            case BinaryExpr b -> {
                collect(b.lhs(), out);
                collect(b.rhs(), out);
            }
            case AggregateExpr a -> {
                a.param().ifPresent(p -> collect(p, out));
                collect(a.expr(), out);
            }
            case Call c -> c.args().forEach(arg -> collect(arg, out));
            case NumberLiteral n -> {
                // no selector
            }
            case StringLiteral s -> {
                // no selector
            }
        }
    }
}
