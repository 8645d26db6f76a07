package io.sightline.query.logql.parser;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.sightline.query.logql.parser.LabelFilter.BinaryFilter;
import io.sightline.query.logql.parser.LabelFilter.BytesFilter;
import io.sightline.query.logql.parser.LabelFilter.DurationFilter;
import io.sightline.query.logql.parser.LabelFilter.IpFilter;
import io.sightline.query.logql.parser.LabelFilter.NumericFilter;
import io.sightline.query.logql.parser.LabelFilter.StringFilter;
import io.sightline.query.logql.parser.PipelineStage.LabelExtraction;
import io.sightline.query.logql.parser.PipelineStage.NamedLabelMatcher;
import io.sightline.query.promql.parser.Durations;
import io.sightline.query.promql.parser.GoStrings;
import io.sightline.query.promql.parser.Numbers;
import io.sightline.query.promql.parser.VectorMatching;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * Loki's canonical text of a query (its {@code String()} methods), on one line, so that parsing it
 * gives an equal tree: every binary operation in parentheses, {@code ( a , b )} for label filter
 * "and", {@code status==200} for {@code status=200}, offsets as Go durations ({@code offset 1h0m0s}),
 * ranges as Prometheus durations ({@code [5m]}), literals as Go's {@code %v}. Three departures, each
 * because Loki's text does not parse back to the same query: byte sizes are exact ({@code 1KiB}, not
 * {@code 1.0kB}), {@code group_left}/{@code group_right} without labels to match keep an {@code
 * ignoring ()} (Loki drops the modifier), and {@code vector(v)} falls back to the shortest form when
 * Go's {@code %f} would round v. Stateless; thread-safe.
 */
public final class LogqlPrinter {
    private LogqlPrinter() {
    }

    public static String print(LogqlExpr expr) {
        return switch (expr) {
            case LogSelectorExpr s -> logSelector(s);
            case SampleExpr s -> sample(s);
        };
    }

    private static String sample(SampleExpr expr) {
        return switch (expr) {
            case LiteralExpr l -> goFloat(l.value());
            case VectorExpr v -> "vector(" + vectorValue(v.value()) + ")";
            case RangeAggregationExpr r -> r.op().keyword() + "("
                    + (r.param().isPresent() ? Numbers.format(r.param().getAsDouble()) + "," : "")
                    + logRange(r.range()) + ")" + r.grouping().map(LogqlPrinter::grouping).orElse("");
            case VectorAggregationExpr v -> v.op().keyword()
                    + (v.grouping().equals(Grouping.NONE) ? "" : grouping(v.grouping()))
                    + "(" + (v.op().hasParameter() ? v.param() + "," : "") + sample(v.expr()) + ")";
            case BinaryExpr b -> "(" + sample(b.lhs()) + " " + b.op().symbol() + (b.returnBool() ? " bool" : "")
                    + matching(b.matching()) + " " + sample(b.rhs()) + ")";
            case LabelReplaceExpr l -> "label_replace(" + sample(l.expr()) + "," + GoStrings.quote(l.destination())
                    + "," + GoStrings.quote(l.replacement()) + "," + GoStrings.quote(l.source()) + ","
                    + GoStrings.quote(l.regex()) + ")";
        };
    }

    private static String grouping(Grouping g) {
        return (g.without() ? " without (" : " by (") + String.join(",", g.labels()) + ")";
    }

    private static String matching(VectorMatching m) {
        StringBuilder out = new StringBuilder();
        boolean grouped = m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
                || m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY;
        if (m.on() || !m.matchingLabels().isEmpty() || grouped) {
            out.append(m.on() ? " on (" : " ignoring (").append(String.join(",", m.matchingLabels())).append(')');
        }
        if (grouped) {
            out.append(m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE ? " group_left" : " group_right");
            if (!m.include().isEmpty()) {
                out.append(" (").append(String.join(",", m.include())).append(')');
            }
        }
        return out.toString();
    }

    private static String logRange(LogRange r) {
        StringBuilder out = new StringBuilder(logSelector(r.selector()));
        r.unwrap().ifPresent(u -> {
            out.append(" | unwrap ");
            if (u.conversion() == Unwrap.Conversion.NONE) {
                out.append(u.label());
            } else {
                out.append(u.conversion().keyword()).append('(').append(u.label()).append(')');
            }
            u.postFilters().forEach(f -> out.append(" | ").append(labelFilter(f)));
        });
        out.append('[').append(Durations.format(r.range().toMillis())).append(']');
        if (!r.offset().isZero()) {
            out.append(" offset ").append(GoDurations.format(r.offset()));
        }
        return out.toString();
    }

    private static String logSelector(LogSelectorExpr s) {
        String selector = "{" + s.matchers().stream().map(LogqlPrinter::matcher).collect(Collectors.joining(", "))
                + "}";
        if (s.stages().isEmpty()) {
            return selector;
        }
        return selector + " " + s.stages().stream().map(LogqlPrinter::stage).collect(Collectors.joining(" "));
    }

    private static String matcher(LabelMatcher m) {
        return m.name() + m.type().symbol() + GoStrings.quote(m.value());
    }

    private static String stage(PipelineStage stage) {
        return switch (stage) {
            case PipelineStage.LineFilter f -> f.ip()
                    ? f.match().symbol() + " ip(" + GoStrings.quote(f.values().getFirst()) + ")"
                    : f.match().symbol() + " " + f.values().stream().map(GoStrings::quote)
                            .collect(Collectors.joining(" or "));
            case PipelineStage.LabelFilterStage f -> "| " + labelFilter(f.filter());
            case PipelineStage.JsonParser j -> j.extractions().isEmpty() ? "| json"
                    : "| json " + extractions(j.extractions());
            case PipelineStage.LogfmtParser l -> "| logfmt" + (l.strict() ? " --strict" : "")
                    + (l.keepEmpty() ? " --keep-empty" : "")
                    + (l.extractions().isEmpty() ? "" : " " + extractions(l.extractions()));
            case PipelineStage.RegexpParser r -> "| regexp " + GoStrings.quote(r.regex());
            case PipelineStage.PatternParser p -> "| pattern " + GoStrings.quote(p.pattern());
            case PipelineStage.UnpackParser u -> "| unpack";
            case PipelineStage.LineFormat l -> "| line_format " + GoStrings.quote(l.template());
            case PipelineStage.LabelFormat l -> "| label_format " + l.entries().stream()
                    .map(e -> e.name() + "=" + (e.rename() ? e.value() : GoStrings.quote(e.value())))
                    .collect(Collectors.joining(","));
            case PipelineStage.DropLabels d -> "| drop " + namedMatchers(d.labels());
            case PipelineStage.KeepLabels k -> "| keep " + namedMatchers(k.labels());
            case PipelineStage.Decolorize d -> "| decolorize";
        };
    }

    private static String extractions(List<LabelExtraction> extractions) {
        return extractions.stream().map(e -> e.label() + "=" + GoStrings.quote(e.expression()))
                .collect(Collectors.joining(","));
    }

    private static String namedMatchers(List<NamedLabelMatcher> labels) {
        return labels.stream().map(l -> l.matcher().map(LogqlPrinter::matcher).orElse(l.name()))
                .collect(Collectors.joining(","));
    }

    /** A label filter as Loki writes it: no spaces around the operator, binary filters in {@code ( ... )}. */
    static String labelFilter(LabelFilter filter) {
        return switch (filter) {
            case StringFilter s -> matcher(s.matcher());
            case NumericFilter n -> n.name() + n.op().symbol() + Numbers.format(n.value());
            case DurationFilter d -> d.name() + d.op().symbol() + GoDurations.format(d.value());
            case BytesFilter b -> b.name() + b.op().symbol() + ByteSizes.format(b.bytes());
            case IpFilter ip -> ip.name() + (ip.op() == LabelFilter.Comparison.EQ ? "=" : "!=") + "ip("
                    + GoStrings.quote(ip.pattern()) + ")";
            case BinaryFilter b -> "( " + labelFilter(b.left()) + (b.and() ? " , " : " or ")
                    + labelFilter(b.right()) + " )";
        };
    }

    /** Go's {@code %f} when it is exact (Loki's {@code vector(1.000000)}), else the shortest decimal. */
    private static String vectorValue(double v) {
        String fixed = String.format(Locale.ROOT, "%f", v);
        return Double.parseDouble(fixed) == v ? fixed : Numbers.format(v);
    }

    /**
     * Go's {@code fmt.Sprint(float64)}: the shortest digits that read back as the value, with an
     * exponent ({@code 1e+06}, {@code 1.5e-05}) when the decimal exponent is below -4 or at least 6
     * (strconv's {@code 'g'} with shortest precision).
     */
    static String goFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) == 0 ? "0" : "-0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = v < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        return sign + exact.toPlainString();
    }
}
