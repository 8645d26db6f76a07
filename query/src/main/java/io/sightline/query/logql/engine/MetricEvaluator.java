package io.sightline.query.logql.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlQueryException.Kind;
import io.sightline.query.logql.parser.BinaryExpr;
import io.sightline.query.logql.parser.LabelReplaceExpr;
import io.sightline.query.logql.parser.LiteralExpr;
import io.sightline.query.logql.parser.RangeAggregationExpr;
import io.sightline.query.logql.parser.SampleExpr;
import io.sightline.query.logql.parser.VectorAggregationExpr;
import io.sightline.query.logql.parser.VectorExpr;
import io.sightline.query.logql.parser.VectorOp;
import io.sightline.storage.tsdb.Labels;

/**
 * Evaluates a metric query node at every step at once (see {@link StepValue}); range aggregations go
 * to {@link RangeAggregationEvaluator}, one store scan each. One instance per evaluation; not
 * thread-safe.
 */
final class MetricEvaluator {
    private final EvalContext ctx;
    private final RangeAggregationEvaluator ranges;

    MetricEvaluator(EvalContext ctx) {
        this.ctx = ctx;
        this.ranges = new RangeAggregationEvaluator(ctx);
    }

    StepValue evaluate(SampleExpr expr) {
        return evaluate(expr, Optional.empty());
    }

    /** @param needed the only labels the parent keeps, when it is a {@code by} aggregation */
    private StepValue evaluate(SampleExpr expr, Optional<Set<String>> needed) {
        ctx.checkDeadline();
        int steps = ctx.steps();
        return switch (expr) {
            case RangeAggregationExpr r -> ranges.evaluate(r, needed);
            case VectorAggregationExpr v -> Aggregations.apply(v.op(), v.param(), v.grouping(),
                    vector(evaluate(v.expr(), neededBelow(v)), v.op().keyword()), steps);
            case BinaryExpr b -> BinaryOperations.apply(b.op(), b.returnBool(), b.matching(),
                    evaluate(b.lhs()), evaluate(b.rhs()), steps);
            case LiteralExpr l -> {
                double[] values = new double[steps];
                java.util.Arrays.fill(values, l.value());
                yield new StepValue.Scalar(values);
            }
            case VectorExpr v -> {
                StepSeries s = new StepSeries(Labels.EMPTY, steps);
                for (int i = 0; i < steps; i++) {
                    s.set(i, v.value());
                }
                yield new StepValue.Vector(List.of(s));
            }
            case LabelReplaceExpr l -> labelReplace(l, vector(evaluate(l.expr()), "label_replace"));
        };
    }

    /** The labels a grouping aggregation keeps, which is all its argument's labels need to carry. */
    static Optional<Set<String>> neededBelow(VectorAggregationExpr v) {
        boolean grouping = switch (v.op()) {
            case SUM, AVG, MIN, MAX, COUNT, STDDEV, STDVAR -> true;
            default -> false;
        };
        return grouping && !v.grouping().without() ? Optional.of(Set.copyOf(v.grouping().labels())) : Optional.empty();
    }

    private static StepValue.Vector vector(StepValue value, String operation) {
        if (value instanceof StepValue.Vector v) {
            return v;
        }
        throw new LogqlQueryException(Kind.BAD_QUERY, operation + " needs a vector, got a scalar");
    }

    /** PromQL's label_replace: a full match of the regex on the source value sets the destination to the expansion. */
    private StepValue.Vector labelReplace(LabelReplaceExpr l, StepValue.Vector input) {
        Pattern regex = Pattern.compile("^(?:" + l.regex() + ")$", Pattern.DOTALL);
        List<StepSeries> out = new ArrayList<>(input.series().size());
        Set<Labels> seen = new HashSet<>();
        for (StepSeries s : input.series()) {
            String source = s.labels.get(l.source());
            Matcher m = regex.matcher(source == null ? "" : source);
            Labels labels = s.labels;
            if (m.matches()) {
                String value = expand(l.replacement(), m, regex);
                Labels.Builder builder = s.labels.toBuilder();
                if (value.isEmpty()) {
                    builder.delete(l.destination());
                } else {
                    builder.set(l.destination(), value);
                }
                labels = builder.build();
            }
            if (!seen.add(labels)) {
                throw new LogqlQueryException(Kind.BAD_QUERY, "vector cannot contain metrics with the same labelset");
            }
            StepSeries copy = new StepSeries(labels, ctx.steps());
            System.arraycopy(s.values, 0, copy.values, 0, s.values.length);
            copy.present.or(s.present);
            out.add(copy);
        }
        return new StepValue.Vector(out);
    }

    /** Go's {@code Regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}. */
    static String expand(String template, Matcher m, Pattern regex) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int next;
            if (template.charAt(i + 1) == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                next = close + 1;
            } else {
                int end = i + 1;
                while (end < template.length() && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
                    end++;
                }
                name = template.substring(i + 1, end);
                next = end;
            }
            if (name.isEmpty()) {
                out.append(c);
                i++;
                continue;
            }
            out.append(group(m, regex, name));
            i = next;
        }
        return out.toString();
    }

    private static String group(Matcher m, Pattern regex, String name) {
        String value = null;
        if (name.chars().allMatch(Character::isDigit)) {
            try {
                int index = Integer.parseInt(name);
                value = index <= m.groupCount() ? m.group(index) : null;
            } catch (NumberFormatException e) {
                value = null;
            }
        } else if (regex.namedGroups().containsKey(name)) {
            value = m.group(name);
        }
        return value == null ? "" : value;
    }

    /** Whether the query's top node orders an instant vector itself (sort/sort_desc), as Loki's {@code Sortable}. */
    static boolean sortsItself(SampleExpr expr) {
        return expr instanceof VectorAggregationExpr v && (v.op() == VectorOp.SORT || v.op() == VectorOp.SORT_DESC);
    }
}
