package io.sightline.query.promql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/**
 * Prometheus's canonical text of an expression (its {@code String()} methods), on one line: what
 * {@link Prettier} splits for {@code /api/v1/format_query}. Matchers are sorted, the metric name
 * goes before the braces, {@code @} is printed before {@code offset}, numbers without exponent.
 */
public final class Printer {
    private static final Pattern LEGACY_METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LEGACY_LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private Printer() {
    }

    public static String print(Expr expr) {
        return switch (expr) {
            case NumberLiteral n -> number(n);
            case StringLiteral s -> GoStrings.quote(s.value());
            case VectorSelector vs -> selector(vs) + at(vs.at()) + offset(vs.offsetMs());
            case MatrixSelector ms -> selector(ms.selector()) + "[" + Durations.format(ms.rangeMs()) + "]"
                    + at(ms.selector().at()) + offset(ms.selector().offsetMs());
            case SubqueryExpr sq -> print(sq.expr()) + subquerySuffix(sq);
            case ParenExpr p -> "(" + print(p.expr()) + ")";
            case UnaryExpr u -> (u.negate() ? "-" : "+") + print(u.expr());
            case BinaryExpr b -> print(b.lhs()) + " " + b.op().symbol() + (b.returnBool() ? " bool" : "")
                    + matching(b.matching()) + " " + print(b.rhs());
            case AggregateExpr a -> aggregate(a);
            case Call c -> c.function().name() + "(" + c.args().stream().map(Printer::print)
                    .collect(Collectors.joining(", ")) + ")";
        };
    }

    /** What follows a subquery's inner expression: {@code [range:step] @ t offset d}. */
    static String subquerySuffix(SubqueryExpr sq) {
        return "[" + Durations.format(sq.rangeMs()) + ":" + (sq.stepMs() == 0 ? "" : Durations.format(sq.stepMs()))
                + "]" + at(sq.at()) + offset(sq.offsetMs());
    }

    private static String number(NumberLiteral n) {
        if (n.duration()) {
            long ms = Math.round(Math.abs(n.value()) * 1000);
            return (n.value() < 0 ? "-" : "") + Durations.format(ms);
        }
        return Numbers.format(n.value());
    }

    private static String selector(VectorSelector vs) {
        List<String> parts = new ArrayList<>();
        boolean quotedName = !vs.name().isEmpty() && !LEGACY_METRIC_NAME.matcher(vs.name()).matches();
        for (LabelMatcher m : vs.matchers()) {
            if (m.name().equals(Labels.METRIC_NAME) && m.type() == LabelMatcher.Type.EQUAL
                    && m.value().equals(vs.name()) && !m.value().isEmpty()) {
                continue;
            }
            parts.add(matcher(m));
        }
        parts.sort(null);
        if (quotedName) {
            parts.addFirst(GoStrings.quote(vs.name()));
            return "{" + String.join(",", parts) + "}";
        }
        if (parts.isEmpty()) {
            return vs.name();
        }
        return vs.name() + "{" + String.join(",", parts) + "}";
    }

    static String matcher(LabelMatcher m) {
        return labelName(m.name()) + m.type().symbol() + GoStrings.quote(m.value());
    }

    private static String labelName(String name) {
        return LEGACY_LABEL_NAME.matcher(name).matches() ? name : GoStrings.quote(name);
    }

    private static String at(AtModifier at) {
        return switch (at.kind()) {
            case NONE -> "";
            case START -> " @ start()";
            case END -> " @ end()";
            case TIMESTAMP -> " @ " + String.format(java.util.Locale.ROOT, "%.3f", at.timestampMs() / 1000.0);
        };
    }

    private static String offset(long offsetMs) {
        if (offsetMs > 0) {
            return " offset " + Durations.format(offsetMs);
        }
        if (offsetMs < 0) {
            return " offset -" + Durations.format(-offsetMs);
        }
        return "";
    }

    /** A binary operator's modifiers after the operator and {@code bool}, each with a leading space. */
    static String matching(VectorMatching m) {
        StringBuilder out = new StringBuilder();
        if (!m.matchingLabels().isEmpty() || m.on()) {
            out.append(m.on() ? " on (" : " ignoring (").append(labelList(m.matchingLabels())).append(')');
        }
        if (m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
                || m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY) {
            if (out.isEmpty()) {
                out.append(" ignoring ()");
            }
            out.append(m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE ? " group_left (" : " group_right (")
                    .append(labelList(m.include())).append(')');
        }
        return out.toString();
    }

    /**
     * An aggregation up to its opening parenthesis: {@code sum}, {@code sum by (job) } or
     * {@code sum without (job) } (Prometheus's {@code ShortString}, trailing space included).
     */
    static String aggregateHead(AggregateExpr a) {
        if (a.without()) {
            return a.op().keyword() + " without (" + labelList(a.grouping()) + ") ";
        }
        if (!a.grouping().isEmpty()) {
            return a.op().keyword() + " by (" + labelList(a.grouping()) + ") ";
        }
        return a.op().keyword();
    }

    private static String aggregate(AggregateExpr a) {
        StringBuilder out = new StringBuilder(aggregateHead(a)).append('(');
        a.param().ifPresent(p -> out.append(print(p)).append(", "));
        return out.append(print(a.expr())).append(')').toString();
    }

    private static String labelList(List<String> labels) {
        return labels.stream().map(Printer::labelName).collect(Collectors.joining(", "));
    }
}
