package io.sightline.query.promql.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.PromqlException.ErrorType;
import io.sightline.query.promql.parser.BinaryExpr;
import io.sightline.query.promql.parser.BinaryOp;
import io.sightline.query.promql.parser.VectorMatching;
import io.sightline.query.promql.parser.VectorMatching.Cardinality;
import io.sightline.storage.tsdb.Labels;

/**
 * Binary operators over all steps, with Prometheus's matching rules: scalar/scalar, vector/scalar
 * (comparisons filter and keep the vector's value), vector/vector one-to-one, many-to-one and
 * one-to-many ({@code group_left/right}, the "one" side must be unique per match group at each
 * step) and the set operators, matched per step. Signatures are computed once per series, not per
 * step.
 */
final class BinaryOperations {
    private BinaryOperations() {
    }

    static EvalValue eval(Evaluator ev, BinaryExpr b, Steps steps) {
        EvalValue lhs = ev.eval(b.lhs(), steps);
        EvalValue rhs = ev.eval(b.rhs(), steps);
        BinaryOp op = b.op();
        if (lhs instanceof ScalarSteps l && rhs instanceof ScalarSteps r) {
            double[] out = new double[l.values().length];
            for (int i = 0; i < out.length; i++) {
                double v = apply(op, l.values()[i], r.values()[i]);
                out[i] = op.isComparison() ? (compare(op, l.values()[i], r.values()[i]) ? 1 : 0) : v;
            }
            return new ScalarSteps(out);
        }
        VectorSteps result;
        if (lhs instanceof VectorSteps l && rhs instanceof ScalarSteps r) {
            result = vectorScalar(op, l, r.values(), false, b.returnBool());
        } else if (lhs instanceof ScalarSteps l && rhs instanceof VectorSteps r) {
            result = vectorScalar(op, r, l.values(), true, b.returnBool());
        } else if (op.isSetOperator()) {
            result = setOperation(op, (VectorSteps) lhs, (VectorSteps) rhs, b.matching());
        } else {
            result = new VectorMatcher(op, b.matching(), b.returnBool(), steps.count())
                    .match((VectorSteps) lhs, (VectorSteps) rhs);
        }
        if (lhs instanceof VectorSteps l) {
            ev.guard.releaseSamples(l.points());
        }
        if (rhs instanceof VectorSteps r) {
            ev.guard.releaseSamples(r.points());
        }
        ev.guard.acquireSamples(result.points());
        return result;
    }

    /** The arithmetic result (for comparisons: the left value, which is what they keep). */
    static double apply(BinaryOp op, double l, double r) {
        return switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> l / r;
            case MOD -> l % r;
            case POW -> GoMath.pow(l, r);
            case ATAN2 -> Math.atan2(l, r);
            default -> l;
        };
    }

    static boolean compare(BinaryOp op, double l, double r) {
        return switch (op) {
            case EQLC -> l == r;
            case NEQ -> l != r;
            case GTR -> l > r;
            case LSS -> l < r;
            case GTE -> l >= r;
            case LTE -> l <= r;
            default -> true;
        };
    }

    private static VectorSteps vectorScalar(BinaryOp op, VectorSteps vector, double[] scalar, boolean scalarOnLeft,
                                            boolean returnBool) {
        List<StepSeries> out = new ArrayList<>(vector.series().size());
        boolean dropName = op.isArithmetic() || returnBool;
        for (StepSeries s : vector.series()) {
            double[] values = Absent.array(s.values.length);
            boolean any = false;
            for (int i = 0; i < values.length; i++) {
                double v = s.values[i];
                if (Absent.is(v)) {
                    continue;
                }
                double l = scalarOnLeft ? scalar[i] : v;
                double r = scalarOnLeft ? v : scalar[i];
                if (op.isComparison()) {
                    boolean keep = compare(op, l, r);
                    if (returnBool) {
                        values[i] = keep ? 1 : 0;
                    } else if (keep) {
                        values[i] = v;
                    } else {
                        continue;
                    }
                } else {
                    values[i] = apply(op, l, r);
                }
                any = true;
            }
            if (any) {
                out.add(new StepSeries(dropName ? dropName(s.labels) : s.labels, values));
            }
        }
        return dropName ? SeriesMerger.merge(out) : new VectorSteps(out);
    }

    static Labels dropName(Labels labels) {
        return labels.has(Labels.METRIC_NAME) ? labels.without(List.of(Labels.METRIC_NAME)) : labels;
    }

    /** The labels two series are matched on: only {@code on(...)}, or all but {@code ignoring(...)} and the name. */
    static Labels signature(Labels labels, VectorMatching matching) {
        if (matching.on()) {
            return labels.keep(new HashSet<>(matching.matchingLabels()));
        }
        List<String> drop = new ArrayList<>(matching.matchingLabels());
        drop.add(Labels.METRIC_NAME);
        return labels.without(drop);
    }

    private static VectorSteps setOperation(BinaryOp op, VectorSteps lhs, VectorSteps rhs, VectorMatching matching) {
        List<StepSeries> out = new ArrayList<>();
        if (op == BinaryOp.LOR) {
            Map<Labels, boolean[]> leftSigs = presenceBySignature(lhs, matching);
            out.addAll(lhs.series());
            for (StepSeries s : rhs.series()) {
                boolean[] taken = leftSigs.get(signature(s.labels, matching));
                StepSeries kept = filter(s, taken, false);
                if (kept != null) {
                    out.add(kept);
                }
            }
            return SeriesMerger.merge(out);
        }
        Map<Labels, boolean[]> rightSigs = presenceBySignature(rhs, matching);
        for (StepSeries s : lhs.series()) {
            boolean[] present = rightSigs.get(signature(s.labels, matching));
            StepSeries kept = filter(s, present, op == BinaryOp.LAND);
            if (kept != null) {
                out.add(kept);
            }
        }
        return new VectorSteps(out);
    }

    /** The series where {@code mask} is {@code keepWhere} (a null mask is all false). */
    private static StepSeries filter(StepSeries s, boolean[] mask, boolean keepWhere) {
        if (mask == null) {
            return keepWhere ? null : s;
        }
        double[] values = Absent.array(s.values.length);
        boolean any = false;
        for (int i = 0; i < values.length; i++) {
            if (!Absent.is(s.values[i]) && mask[i] == keepWhere) {
                values[i] = s.values[i];
                any = true;
            }
        }
        return any ? new StepSeries(s.labels, values) : null;
    }

    private static Map<Labels, boolean[]> presenceBySignature(VectorSteps v, VectorMatching matching) {
        Map<Labels, boolean[]> sigs = new HashMap<>();
        for (StepSeries s : v.series()) {
            boolean[] present = sigs.computeIfAbsent(signature(s.labels, matching), k -> new boolean[s.values.length]);
            for (int i = 0; i < present.length; i++) {
                present[i] |= !Absent.is(s.values[i]);
            }
        }
        return sigs;
    }

    /** Arithmetic and comparison between two vectors. One per operation. */
    private static final class VectorMatcher {
        private final BinaryOp op;
        private final VectorMatching matching;
        private final boolean returnBool;
        private final int steps;
        private final Map<Labels, StepSeries> out = new LinkedHashMap<>();

        VectorMatcher(BinaryOp op, VectorMatching matching, boolean returnBool, int steps) {
            this.op = op;
            this.matching = matching;
            this.returnBool = returnBool;
            this.steps = steps;
        }

        VectorSteps match(VectorSteps lhs, VectorSteps rhs) {
            boolean swapped = matching.cardinality() == Cardinality.ONE_TO_MANY;
            List<StepSeries> many = swapped ? rhs.series() : lhs.series();
            List<StepSeries> one = swapped ? lhs.series() : rhs.series();
            boolean[] manyAny = anyPresent(many);
            boolean[] oneAny = anyPresent(one);
            Map<Labels, List<StepSeries>> oneBySig = new HashMap<>();
            for (StepSeries s : one) {
                oneBySig.computeIfAbsent(signature(s.labels, matching), k -> new ArrayList<>(1)).add(s);
            }
            for (Map.Entry<Labels, List<StepSeries>> group : oneBySig.entrySet()) {
                if (group.getValue().size() > 1) {
                    checkUniqueOneSide(group.getKey(), group.getValue(), manyAny, oneAny, swapped);
                }
            }
            Map<Labels, boolean[]> matchedOneToOne = new HashMap<>();
            for (StepSeries m : many) {
                Labels sig = signature(m.labels, matching);
                List<StepSeries> candidates = oneBySig.get(sig);
                if (candidates == null) {
                    continue;
                }
                StepSeries lastOne = null;
                StepSeries target = null;
                for (int i = 0; i < steps; i++) {
                    double mv = m.values[i];
                    if (Absent.is(mv)) {
                        continue;
                    }
                    StepSeries o = presentAt(candidates, i);
                    if (o == null) {
                        continue;
                    }
                    double l = swapped ? o.values[i] : mv;
                    double r = swapped ? mv : o.values[i];
                    double value;
                    if (op.isComparison()) {
                        boolean keep = compare(op, l, r);
                        if (returnBool) {
                            value = keep ? 1 : 0;
                        } else if (keep) {
                            value = l;
                        } else {
                            continue;
                        }
                    } else {
                        value = apply(op, l, r);
                    }
                    if (o != lastOne) {
                        lastOne = o;
                        target = out.computeIfAbsent(resultLabels(m.labels, o.labels),
                                k -> new StepSeries(k, Absent.array(steps)));
                    }
                    if (matching.cardinality() == Cardinality.ONE_TO_ONE) {
                        boolean[] matched = matchedOneToOne.computeIfAbsent(sig, k -> new boolean[steps]);
                        if (matched[i]) {
                            throw new PromqlException(ErrorType.EXECUTION, "multiple matches for labels: "
                                    + "many-to-one matching must be explicit (group_left/group_right)");
                        }
                        matched[i] = true;
                    }
                    if (!Absent.is(target.values[i])) {
                        throw new PromqlException(ErrorType.EXECUTION, matching.cardinality() == Cardinality.ONE_TO_ONE
                                ? "vector cannot contain metrics with the same labelset"
                                : "multiple matches for labels: grouping labels must ensure unique matches");
                    }
                    target.values[i] = value;
                }
            }
            return new VectorSteps(new ArrayList<>(out.values()));
        }

        private Labels resultLabels(Labels many, Labels one) {
            Labels.Builder b = many.toBuilder();
            if (op.isArithmetic() || returnBool) {
                b.delete(Labels.METRIC_NAME);
            }
            if (matching.cardinality() == Cardinality.ONE_TO_ONE) {
                if (matching.on()) {
                    Set<String> keep = new HashSet<>(matching.matchingLabels());
                    for (String name : many.names()) {
                        if (!keep.contains(name)) {
                            b.delete(name);
                        }
                    }
                } else {
                    matching.matchingLabels().forEach(b::delete);
                }
            }
            for (String name : matching.include()) {
                b.set(name, one.get(name));
            }
            return b.build();
        }

        private void checkUniqueOneSide(Labels sig, List<StepSeries> group, boolean[] manyAny, boolean[] oneAny,
                                        boolean swapped) {
            for (int i = 0; i < steps; i++) {
                if (!manyAny[i] || !oneAny[i]) {
                    continue;
                }
                StepSeries first = null;
                for (StepSeries s : group) {
                    if (Absent.is(s.values[i])) {
                        continue;
                    }
                    if (first != null) {
                        throw new PromqlException(ErrorType.EXECUTION, "found duplicate series for the match group "
                                + LabelsText.of(sig) + " on the " + (swapped ? "left" : "right")
                                + " hand-side of the operation: [" + LabelsText.of(s.labels) + ", "
                                + LabelsText.of(first.labels) + "];many-to-many matching not allowed: "
                                + "matching labels must be unique on one side");
                    }
                    first = s;
                }
            }
        }

        private boolean[] anyPresent(List<StepSeries> series) {
            boolean[] any = new boolean[steps];
            for (StepSeries s : series) {
                for (int i = 0; i < steps; i++) {
                    any[i] |= !Absent.is(s.values[i]);
                }
            }
            return any;
        }

        private static StepSeries presentAt(List<StepSeries> candidates, int step) {
            for (StepSeries c : candidates) {
                if (!Absent.is(c.values[step])) {
                    return c;
                }
            }
            return null;
        }
    }
}
