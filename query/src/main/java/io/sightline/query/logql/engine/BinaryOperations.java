package io.sightline.query.logql.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlQueryException.Kind;
import io.sightline.query.logql.parser.BinaryOp;
import io.sightline.query.promql.parser.VectorMatching;
import io.sightline.query.promql.parser.VectorMatching.Cardinality;
import io.sightline.storage.tsdb.Labels;

/**
 * Binary operations at each step, with Prometheus's matching rules (Loki's are the same): arithmetic
 * and comparisons between scalars, a vector and a scalar, or two vectors matched on their labels
 * ({@code on}/{@code ignoring}, one-to-one or {@code group_left}/{@code group_right}); comparisons
 * filter unless {@code bool}; set operators {@code and}/{@code or}/{@code unless}. Division and
 * modulo by zero give NaN, as Loki. Stateless.
 */
final class BinaryOperations {
    private BinaryOperations() {
    }

    static StepValue apply(BinaryOp op, boolean returnBool, VectorMatching matching, StepValue lhs, StepValue rhs, int steps) {
        if (lhs instanceof StepValue.Scalar l && rhs instanceof StepValue.Scalar r) {
            double[] out = new double[steps];
            for (int i = 0; i < steps; i++) {
                out[i] = value(op, l.values()[i], r.values()[i]);
            }
            return new StepValue.Scalar(out);
        }
        if (lhs instanceof StepValue.Vector l && rhs instanceof StepValue.Scalar r) {
            return withScalar(op, returnBool, l, r.values(), false, steps);
        }
        if (lhs instanceof StepValue.Scalar l && rhs instanceof StepValue.Vector r) {
            return withScalar(op, returnBool, r, l.values(), true, steps);
        }
        StepValue.Vector l = (StepValue.Vector) lhs;
        StepValue.Vector r = (StepValue.Vector) rhs;
        if (op.isSetOperator()) {
            return setOperation(op, matching, l, r, steps);
        }
        return vectors(op, returnBool, matching, l, r, steps);
    }

    /** The arithmetic value, or for a comparison 1/0. */
    static double value(BinaryOp op, double l, double r) {
        return switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> r == 0 ? Double.NaN : l / r;
            case MOD -> r == 0 ? Double.NaN : l % r;
            case POW -> Math.pow(l, r);
            case EQL -> l == r ? 1 : 0;
            case NEQ -> l != r ? 1 : 0;
            case GTR -> l > r ? 1 : 0;
            case GTE -> l >= r ? 1 : 0;
            case LSS -> l < r ? 1 : 0;
            case LTE -> l <= r ? 1 : 0;
            case OR, AND, UNLESS -> throw new IllegalStateException("set operator " + op);
        };
    }

    private static StepValue.Vector withScalar(BinaryOp op, boolean returnBool, StepValue.Vector vector, double[] scalar,
                                               boolean scalarLeft, int steps) {
        List<StepSeries> out = new ArrayList<>();
        for (StepSeries s : vector.series()) {
            StepSeries result = new StepSeries(s.labels, steps);
            for (int step = 0; step < steps; step++) {
                if (!s.has(step)) {
                    continue;
                }
                double v = s.values[step];
                double computed = scalarLeft ? value(op, scalar[step], v) : value(op, v, scalar[step]);
                if (!op.isComparison()) {
                    result.set(step, computed);
                } else if (returnBool) {
                    result.set(step, computed);
                } else if (computed == 1) {
                    result.set(step, v);
                }
            }
            if (!result.isEmpty()) {
                out.add(result);
            }
        }
        return new StepValue.Vector(out);
    }

    private static Labels signature(Labels labels, VectorMatching matching) {
        Set<String> names = Set.copyOf(matching.matchingLabels());
        return matching.on() ? labels.keep(names) : labels.without(names);
    }

    private static StepValue.Vector vectors(BinaryOp op, boolean returnBool, VectorMatching matching,
                                            StepValue.Vector lhs, StepValue.Vector rhs, int steps) {
        boolean swapped = matching.cardinality() == Cardinality.ONE_TO_MANY;
        StepValue.Vector many = swapped ? rhs : lhs;
        StepValue.Vector one = swapped ? lhs : rhs;
        Map<Labels, StepSeries> out = new LinkedHashMap<>();
        Map<Labels, Integer> writtenAt = new HashMap<>();
        Labels[] manySignatures = signatures(many, matching);
        Labels[] oneSignatures = signatures(one, matching);
        for (int step = 0; step < steps; step++) {
            Map<Labels, StepSeries> oneBySignature = new HashMap<>();
            for (int i = 0; i < one.series().size(); i++) {
                StepSeries s = one.series().get(i);
                if (s.has(step) && oneBySignature.put(oneSignatures[i], s) != null) {
                    throw new LogqlQueryException(Kind.BAD_QUERY, "found duplicate series for the match group "
                            + oneSignatures[i] + " on the " + (swapped ? "left" : "right")
                            + " hand-side of the operation; many-to-many matching not allowed: matching labels must be unique on one side");
                }
            }
            Set<Labels> seenOnes = new HashSet<>();
            for (int i = 0; i < many.series().size(); i++) {
                StepSeries m = many.series().get(i);
                StepSeries o = m.has(step) ? oneBySignature.get(manySignatures[i]) : null;
                if (o == null) {
                    continue;
                }
                if (matching.cardinality() == Cardinality.ONE_TO_ONE && !seenOnes.add(manySignatures[i])) {
                    throw new LogqlQueryException(Kind.BAD_QUERY, "found duplicate series for the match group "
                            + manySignatures[i] + " on the left hand-side of the operation; many-to-many matching not"
                            + " allowed: matching labels must be unique on one side");
                }
                double l = swapped ? o.values[step] : m.values[step];
                double r = swapped ? m.values[step] : o.values[step];
                double computed = value(op, l, r);
                double result;
                if (!op.isComparison() || returnBool) {
                    result = computed;
                } else if (computed == 1) {
                    result = l;
                } else {
                    continue;
                }
                Labels labels = resultLabels(swapped ? o.labels : m.labels, m.labels, o.labels, matching);
                if (writtenAt.put(labels, step) instanceof Integer previous && previous == step) {
                    throw new LogqlQueryException(Kind.BAD_QUERY, "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                }
                out.computeIfAbsent(labels, x -> new StepSeries(x, steps)).set(step, result);
            }
        }
        return new StepValue.Vector(List.copyOf(out.values()));
    }

    private static Labels[] signatures(StepValue.Vector v, VectorMatching matching) {
        Labels[] out = new Labels[v.series().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = signature(v.series().get(i).labels, matching);
        }
        return out;
    }

    /** Prometheus's result labels: one-to-one keeps the {@code on} labels (or drops the ignored ones); group_x copies the included labels from the one side. */
    private static Labels resultLabels(Labels left, Labels many, Labels one, VectorMatching matching) {
        if (matching.cardinality() == Cardinality.ONE_TO_ONE) {
            Set<String> names = Set.copyOf(matching.matchingLabels());
            return matching.on() ? left.keep(names) : left.without(names);
        }
        Labels.Builder builder = many.toBuilder();
        for (String name : matching.include()) {
            String value = one.get(name);
            if (value == null || value.isEmpty()) {
                builder.delete(name);
            } else {
                builder.set(name, value);
            }
        }
        return builder.build();
    }

    private static StepValue.Vector setOperation(BinaryOp op, VectorMatching matching, StepValue.Vector lhs,
                                                 StepValue.Vector rhs, int steps) {
        Labels[] left = signatures(lhs, matching);
        Labels[] right = signatures(rhs, matching);
        Map<Labels, StepSeries> out = new LinkedHashMap<>();
        for (int step = 0; step < steps; step++) {
            Set<Labels> rightPresent = new HashSet<>();
            for (int i = 0; i < right.length; i++) {
                if (rhs.series().get(i).has(step)) {
                    rightPresent.add(right[i]);
                }
            }
            Set<Labels> leftPresent = new HashSet<>();
            for (int i = 0; i < left.length; i++) {
                StepSeries s = lhs.series().get(i);
                if (!s.has(step)) {
                    continue;
                }
                leftPresent.add(left[i]);
                boolean matched = rightPresent.contains(left[i]);
                if (op == BinaryOp.OR || (op == BinaryOp.AND) == matched) {
                    copy(out, s, step, steps);
                }
            }
            if (op == BinaryOp.OR) {
                for (int i = 0; i < right.length; i++) {
                    StepSeries s = rhs.series().get(i);
                    if (s.has(step) && !leftPresent.contains(right[i])) {
                        copy(out, s, step, steps);
                    }
                }
            }
        }
        return new StepValue.Vector(List.copyOf(out.values()));
    }

    private static void copy(Map<Labels, StepSeries> out, StepSeries s, int step, int steps) {
        out.computeIfAbsent(s.labels, x -> new StepSeries(x, steps)).set(step, s.values[step]);
    }
}
