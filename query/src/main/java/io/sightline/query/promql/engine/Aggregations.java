package io.sightline.query.promql.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.PromqlException.ErrorType;
import io.sightline.query.promql.parser.AggregateExpr;
import io.sightline.query.promql.parser.AggregationOp;
import io.sightline.query.promql.parser.Numbers;
import io.sightline.storage.tsdb.Labels;

/**
 * Aggregation operators. A series' group is computed once (labels do not change between steps);
 * then each group accumulates step-indexed primitive arrays, so {@code sum by (job)} over a range
 * query costs one pass over the input values. Arithmetic follows Prometheus 3: compensated sums,
 * the overflow-safe mean, Welford variance, NaN only when all inputs are NaN for min/max.
 */
final class Aggregations {
    private Aggregations() {
    }

    static EvalValue eval(Evaluator ev, AggregateExpr a, Steps steps) {
        double[] param = null;
        String label = null;
        if (a.param().isPresent()) {
            EvalValue p = ev.eval(a.param().get(), steps);
            if (p instanceof ScalarSteps s) {
                param = s.values();
            } else {
                label = ((TextValue) p).value();
            }
        }
        VectorSteps input = ev.evalVector(a.expr(), steps);
        int n = steps.count();
        VectorSteps result = switch (a.op()) {
            case TOPK, BOTTOMK -> KSelection.select(a.op() == AggregationOp.TOPK, input, groups(input, a), param, n);
            case COUNT_VALUES -> countValues(input, a, label, n);
            case QUANTILE -> quantile(ev, input, a, param, n);
            default -> accumulate(a.op(), input, a, n);
        };
        ev.guard.releaseSamples(input.points());
        ev.guard.acquireSamples(result.points());
        return result;
    }

    /** The group each input series belongs to: labels kept by {@code by}, or all but {@code without} and the name. */
    static Labels groupLabels(Labels labels, AggregateExpr a) {
        if (a.without()) {
            List<String> drop = new ArrayList<>(a.grouping());
            drop.add(Labels.METRIC_NAME);
            return labels.without(drop);
        }
        return labels.keep(new HashSet<>(a.grouping()));
    }

    /** Input series grouped, groups in order of first appearance. */
    static Map<Labels, List<StepSeries>> groups(VectorSteps input, AggregateExpr a) {
        Map<Labels, List<StepSeries>> groups = new LinkedHashMap<>();
        for (StepSeries s : input.series()) {
            groups.computeIfAbsent(groupLabels(s.labels, a), k -> new ArrayList<>()).add(s);
        }
        return groups;
    }

    private static VectorSteps accumulate(AggregationOp op, VectorSteps input, AggregateExpr a, int n) {
        List<StepSeries> out = new ArrayList<>();
        for (Map.Entry<Labels, List<StepSeries>> group : groups(input, a).entrySet()) {
            double[] result = switch (op) {
                case SUM -> sum(group.getValue(), n);
                case AVG -> avg(group.getValue(), n);
                case COUNT, GROUP -> count(group.getValue(), n, op == AggregationOp.GROUP);
                case MIN, MAX -> extreme(group.getValue(), n, op == AggregationOp.MAX);
                case STDDEV, STDVAR -> variance(group.getValue(), n, op == AggregationOp.STDDEV);
                default -> throw new IllegalStateException("not an accumulating aggregation: " + op);
            };
            out.add(new StepSeries(group.getKey(), result));
        }
        return new VectorSteps(out);
    }

    private static double[] sum(List<StepSeries> group, int n) {
        double[] sum = Absent.array(n);
        double[] c = new double[n];
        for (StepSeries s : group) {
            double[] v = s.values;
            for (int i = 0; i < n; i++) {
                double x = v[i];
                if (Absent.is(x)) {
                    continue;
                }
                double acc = sum[i];
                if (Absent.is(acc)) {
                    sum[i] = x;
                    continue;
                }
                double t = acc + x;
                if (Double.isInfinite(t)) {
                    c[i] = 0;
                } else if (Math.abs(acc) >= Math.abs(x)) {
                    c[i] += (acc - t) + x;
                } else {
                    c[i] += (x - t) + acc;
                }
                sum[i] = t;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!Absent.is(sum[i])) {
                sum[i] += c[i];
            }
        }
        return sum;
    }

    private static double[] avg(List<StepSeries> group, int n) {
        double[] out = Absent.array(n);
        double[] column = new double[group.size()];
        for (int i = 0; i < n; i++) {
            int k = 0;
            for (StepSeries s : group) {
                if (!Absent.is(s.values[i])) {
                    column[k++] = s.values[i];
                }
            }
            if (k > 0) {
                out[i] = Kahan.mean(column, 0, k);
            }
        }
        return out;
    }

    private static double[] count(List<StepSeries> group, int n, boolean one) {
        double[] out = Absent.array(n);
        for (StepSeries s : group) {
            for (int i = 0; i < n; i++) {
                if (!Absent.is(s.values[i])) {
                    out[i] = one ? 1 : (Absent.is(out[i]) ? 1 : out[i] + 1);
                }
            }
        }
        return out;
    }

    private static double[] extreme(List<StepSeries> group, int n, boolean max) {
        double[] out = Absent.array(n);
        for (StepSeries s : group) {
            for (int i = 0; i < n; i++) {
                double x = s.values[i];
                if (Absent.is(x)) {
                    continue;
                }
                double cur = out[i];
                if (Absent.is(cur) || Double.isNaN(cur) || (max ? cur < x : cur > x)) {
                    out[i] = x;
                }
            }
        }
        return out;
    }

    private static double[] variance(List<StepSeries> group, int n, boolean sqrt) {
        double[] count = new double[n];
        double[] mean = new double[n];
        double[] m2 = new double[n];
        for (StepSeries s : group) {
            for (int i = 0; i < n; i++) {
                double x = s.values[i];
                if (Absent.is(x)) {
                    continue;
                }
                if (count[i] == 0) {
                    count[i] = 1;
                    mean[i] = x;
                    m2[i] = 0;
                    continue;
                }
                count[i]++;
                double delta = x - mean[i];
                mean[i] += delta / count[i];
                m2[i] += delta * (x - mean[i]);
            }
        }
        double[] out = Absent.array(n);
        for (int i = 0; i < n; i++) {
            if (count[i] > 0) {
                double var = m2[i] / count[i];
                out[i] = sqrt ? Math.sqrt(var) : var;
            }
        }
        return out;
    }

    private static VectorSteps quantile(Evaluator ev, VectorSteps input, AggregateExpr a, double[] q, int n) {
        List<StepSeries> out = new ArrayList<>();
        Set<Integer> warned = new HashSet<>();
        for (Map.Entry<Labels, List<StepSeries>> group : groups(input, a).entrySet()) {
            double[] result = Absent.array(n);
            double[] column = new double[group.getValue().size()];
            for (int i = 0; i < n; i++) {
                int k = 0;
                for (StepSeries s : group.getValue()) {
                    if (!Absent.is(s.values[i])) {
                        column[k++] = s.values[i];
                    }
                }
                if (k > 0) {
                    if ((q[i] < 0 || q[i] > 1) && warned.add(i)) {
                        ev.annotations.warn("quantile value should be between 0 and 1, got " + Numbers.format(q[i]));
                    }
                    result[i] = Quantiles.quantile(q[i], column, k);
                }
            }
            out.add(new StepSeries(group.getKey(), result));
        }
        return new VectorSteps(out);
    }

    private static VectorSteps countValues(VectorSteps input, AggregateExpr a, String label, int n) {
        if (!isValidLabelName(label)) {
            throw new PromqlException(ErrorType.EXECUTION, "invalid label name \"" + label + "\"");
        }
        Map<Labels, StepSeries> out = new LinkedHashMap<>();
        for (StepSeries s : input.series()) {
            Labels group = groupLabels(s.labels, a);
            for (int i = 0; i < n; i++) {
                double x = s.values[i];
                if (Absent.is(x)) {
                    continue;
                }
                Labels key = group.toBuilder().set(label, Numbers.format(x)).build();
                StepSeries target = out.computeIfAbsent(key, k -> new StepSeries(k, Absent.array(n)));
                target.values[i] = Absent.is(target.values[i]) ? 1 : target.values[i] + 1;
            }
        }
        return new VectorSteps(new ArrayList<>(out.values()));
    }

    static boolean isValidLabelName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
