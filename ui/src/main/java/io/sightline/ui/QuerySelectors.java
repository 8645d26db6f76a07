package io.sightline.ui;

import java.util.ArrayList;
import java.util.List;

import io.sightline.query.promql.parser.AggregateExpr;
import io.sightline.query.promql.parser.BinaryExpr;
import io.sightline.query.promql.parser.Call;
import io.sightline.query.promql.parser.Expr;
import io.sightline.query.promql.parser.MatrixSelector;
import io.sightline.query.promql.parser.NumberLiteral;
import io.sightline.query.promql.parser.ParenExpr;
import io.sightline.query.promql.parser.StringLiteral;
import io.sightline.query.promql.parser.SubqueryExpr;
import io.sightline.query.promql.parser.UnaryExpr;
import io.sightline.query.promql.parser.VectorSelector;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * The series selectors written in a query (Prometheus's {@code parser.ExtractSelectors}), whose
 * exemplars the explorer draws: the same selectors {@code /api/v1/query_exemplars} looks up, so the
 * page and the API show the same exemplars. Stateless.
 */
final class QuerySelectors {
    private QuerySelectors() {
    }

    /** The matchers of every vector selector in {@code expr}, in the order they are written. */
    static List<List<LabelMatcher>> of(Expr expr) {
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
