package io.sightline.query.logql.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sightline.query.logql.parser.Grouping;
import io.sightline.query.logql.parser.VectorOp;
import io.sightline.storage.tsdb.Labels;

/**
 * Vector aggregations, as Prometheus (and Loki after it) computes them at each step: groups by
 * {@code by}/{@code without} labels (none: one group without labels); {@code topk}/{@code bottomk}
 * keep the selected series with their own labels; {@code sort}/{@code sort_desc} keep every series
 * and order an instant vector by value. Stateless.
 */
final class Aggregations {
    private Aggregations() {
    }

    static StepValue.Vector apply(VectorOp op, int k, Grouping grouping, StepValue.Vector input, int steps) {
        List<StepSeries> in = input.series();
        if (op == VectorOp.SORT || op == VectorOp.SORT_DESC) {
            List<StepSeries> sorted = new ArrayList<>(in);
            if (steps == 1) {
                Comparator<StepSeries> byValue = Comparator.comparingDouble(s -> s.values[0]);
                sorted.sort(op == VectorOp.SORT ? byValue : byValue.reversed());
            }
            return new StepValue.Vector(sorted);
        }
        Map<Labels, List<StepSeries>> groups = new LinkedHashMap<>();
        Set<String> names = Set.copyOf(grouping.labels());
        for (StepSeries s : in) {
            Labels key = grouping.without() ? s.labels.without(names) : s.labels.keep(names);
            groups.computeIfAbsent(key, g -> new ArrayList<>()).add(s);
        }
        if (op == VectorOp.TOPK || op == VectorOp.BOTTOMK) {
            return select(op == VectorOp.TOPK, k, groups, in, steps);
        }
        List<StepSeries> out = new ArrayList<>(groups.size());
        for (Map.Entry<Labels, List<StepSeries>> group : groups.entrySet()) {
            StepSeries result = new StepSeries(group.getKey(), steps);
            for (int step = 0; step < steps; step++) {
                aggregate(op, group.getValue(), step, result);
            }
            if (!result.isEmpty()) {
                out.add(result);
            }
        }
        return new StepValue.Vector(out);
    }

    private static void aggregate(VectorOp op, List<StepSeries> members, int step, StepSeries result) {
        int count = 0;
        double sum = 0;
        double extreme = Double.NaN;
        double mean = 0;
        double aux = 0;
        for (StepSeries s : members) {
            if (!s.has(step)) {
                continue;
            }
            double v = s.values[step];
            count++;
            sum += v;
            if (count == 1 || Double.isNaN(extreme) || (op == VectorOp.MAX ? v > extreme : v < extreme)) {
                extreme = v;
            }
            double delta = v - mean;
            mean += delta / count;
            aux += delta * (v - mean);
        }
        if (count == 0) {
            return;
        }
        result.set(step, switch (op) {
            case SUM -> sum;
            case AVG -> sum / count;
            case COUNT -> count;
            case MIN, MAX -> extreme;
            case STDVAR -> aux / count;
            case STDDEV -> Math.sqrt(aux / count);
            default -> throw new IllegalStateException("not a grouping aggregation: " + op);
        });
    }

    private static StepValue.Vector select(boolean top, int k, Map<Labels, List<StepSeries>> groups,
                                           List<StepSeries> in, int steps) {
        Map<StepSeries, StepSeries> outputs = new HashMap<>();
        Comparator<StepSeries> order = null;
        for (List<StepSeries> members : groups.values()) {
            for (int step = 0; step < steps; step++) {
                int at = step;
                Comparator<StepSeries> byValue = Comparator.comparingDouble(s -> nanLast(s.values[at], top));
                order = top ? byValue.reversed() : byValue;
                List<StepSeries> present = new ArrayList<>();
                for (StepSeries s : members) {
                    if (s.has(step)) {
                        present.add(s);
                    }
                }
                present.sort(order);
                for (int i = 0; i < Math.min(k, present.size()); i++) {
                    StepSeries s = present.get(i);
                    outputs.computeIfAbsent(s, x -> new StepSeries(x.labels, steps)).set(step, s.values[step]);
                }
            }
        }
        List<StepSeries> out = new ArrayList<>();
        for (StepSeries s : in) {
            StepSeries selected = outputs.get(s);
            if (selected != null) {
                out.add(selected);
            }
        }
        if (steps == 1) {
            Comparator<StepSeries> byValue = Comparator.comparingDouble(s -> nanLast(s.values[0], top));
            out.sort(top ? byValue.reversed() : byValue);
        }
        return new StepValue.Vector(out);
    }

    /** NaN sorts after every number whichever way the selection goes. */
    private static double nanLast(double v, boolean top) {
        if (!Double.isNaN(v)) {
            return v;
        }
        return top ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
}
