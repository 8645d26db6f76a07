package io.sightline.query.promql.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.PromqlException.ErrorType;
import io.sightline.query.promql.parser.Call;
import io.sightline.query.promql.parser.Expr;
import io.sightline.query.promql.parser.GoStrings;
import io.sightline.query.promql.parser.MatrixSelector;
import io.sightline.query.promql.parser.ParenExpr;
import io.sightline.query.promql.parser.StringLiteral;
import io.sightline.query.promql.parser.ValueType;
import io.sightline.query.promql.parser.VectorSelector;
import io.sightline.storage.tsdb.Labels;

/** Evaluates function calls: picks how the arguments are evaluated and which implementation runs. */
final class FunctionCalls {
    private FunctionCalls() {
    }

    static EvalValue eval(Evaluator ev, Call c, Steps steps) {
        String name = c.function().name();
        List<Expr> args = c.args();
        int n = steps.count();
        if (c.function().argTypes().contains(ValueType.MATRIX)) {
            return name.equals("absent_over_time") ? absentOverTime(ev, c, steps) : RangeFunctionCall.eval(ev, c, steps);
        }
        DoubleUnaryOperator math = InstantFunctions.math(name);
        if (math != null) {
            return map(ev.evalVector(args.get(0), steps), (v, i) -> math.applyAsDouble(v), true);
        }
        DoubleUnaryOperator calendar = InstantFunctions.calendar(name);
        if (calendar != null) {
            VectorSteps input = args.isEmpty() ? timeVector(steps) : ev.evalVector(args.get(0), steps);
            return map(input, (v, i) -> calendar.applyAsDouble(v), true);
        }
        return switch (name) {
            case "time" -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = steps.time(i) / 1000.0;
                }
                yield new ScalarSteps(out);
            }
            case "pi" -> ScalarSteps.constant(Math.PI, n);
            case "vector" -> new VectorSteps(List.of(new StepSeries(Labels.EMPTY, ev.evalScalar(args.get(0), steps)
                    .clone())));
            case "scalar" -> scalar(ev.evalVector(args.get(0), steps), n);
            case "timestamp" -> timestamp(ev, args.get(0), steps);
            case "absent" -> absent(ev.evalVector(args.get(0), steps), absentLabels(args.get(0)), n);
            case "sort", "sort_desc" -> sort(ev.evalVector(args.get(0), steps), name.equals("sort_desc"), n);
            case "round" -> {
                VectorSteps v = ev.evalVector(args.get(0), steps);
                double[] to = args.size() > 1 ? ev.evalScalar(args.get(1), steps) : ScalarSteps.constant(1, n).values();
                yield map(v, (x, i) -> Math.floor(x * (1.0 / to[i]) + 0.5) / (1.0 / to[i]), true);
            }
            case "clamp", "clamp_min", "clamp_max" -> clamp(ev, name, args, steps);
            case "label_replace" -> LabelFunctions.replace(ev.evalVector(args.get(0), steps), string(args.get(1)),
                    string(args.get(2)), string(args.get(3)), string(args.get(4)));
            case "label_join" -> {
                List<String> sources = new ArrayList<>();
                for (Expr e : args.subList(3, args.size())) {
                    sources.add(string(e));
                }
                yield LabelFunctions.join(ev.evalVector(args.get(0), steps), string(args.get(1)), string(args.get(2)),
                        sources);
            }
            case "histogram_quantile" -> {
                double[] q = ev.evalScalar(args.get(0), steps);
                yield HistogramQuantile.eval(ev, q, ev.evalVector(args.get(1), steps), n);
            }
            case "histogram_avg", "histogram_count", "histogram_sum", "histogram_stddev", "histogram_stdvar",
                 "histogram_fraction" -> {
                // Native histograms only; the TSDB stores floats, which these functions ignore.
                for (Expr arg : args) {
                    ev.eval(arg, steps);
                }
                yield new VectorSteps(List.of());
            }
            default -> throw new PromqlException(ErrorType.EXECUTION, "function \"" + name
                    + "\" is not supported by Sightline");
        };
    }

    /** A per-value operation given the value and its step. */
    interface StepOperator {
        double apply(double value, int step);
    }

    static VectorSteps map(VectorSteps input, StepOperator f, boolean dropName) {
        List<StepSeries> out = new ArrayList<>(input.series().size());
        for (StepSeries s : input.series()) {
            double[] values = Absent.array(s.values.length);
            for (int i = 0; i < values.length; i++) {
                if (!Absent.is(s.values[i])) {
                    values[i] = f.apply(s.values[i], i);
                }
            }
            out.add(new StepSeries(dropName ? BinaryOperations.dropName(s.labels) : s.labels, values));
        }
        return dropName ? SeriesMerger.merge(out) : new VectorSteps(out);
    }

    private static VectorSteps timeVector(Steps steps) {
        double[] values = new double[steps.count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = steps.time(i) / 1000.0;
        }
        return new VectorSteps(List.of(new StepSeries(Labels.EMPTY, values)));
    }

    private static ScalarSteps scalar(VectorSteps v, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int count = 0;
            double value = Double.NaN;
            for (StepSeries s : v.series()) {
                if (!Absent.is(s.values[i])) {
                    count++;
                    value = s.values[i];
                }
            }
            out[i] = count == 1 ? value : Double.NaN;
        }
        return new ScalarSteps(out);
    }

    private static VectorSteps timestamp(Evaluator ev, Expr arg, Steps steps) {
        Expr inner = arg;
        while (inner instanceof ParenExpr p) {
            inner = p.expr();
        }
        if (inner instanceof VectorSelector vs) {
            return map(ev.selectInstant(vs, steps, true), (v, i) -> v, true);
        }
        return map(ev.evalVector(arg, steps), (v, i) -> steps.time(i) / 1000.0, true);
    }

    static Labels absentLabels(Expr arg) {
        return switch (arg) {
            case VectorSelector vs -> LabelFunctions.absentLabels(vs.matchers());
            case MatrixSelector ms -> LabelFunctions.absentLabels(ms.selector().matchers());
            default -> Labels.EMPTY;
        };
    }

    private static VectorSteps absent(VectorSteps v, Labels labels, int n) {
        double[] out = new double[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            boolean present = false;
            for (StepSeries s : v.series()) {
                if (!Absent.is(s.values[i])) {
                    present = true;
                    break;
                }
            }
            out[i] = present ? Absent.VALUE : 1;
            any |= !present;
        }
        return new VectorSteps(any ? List.of(new StepSeries(labels, out)) : List.of());
    }

    private static VectorSteps absentOverTime(Evaluator ev, Call c, Steps steps) {
        RangeSteps r = (RangeSteps) ev.eval(c.args().get(0), steps);
        int n = steps.count();
        double[] out = Absent.array(n);
        boolean any = false;
        int[] lo = new int[r.series().size()];
        for (int i = 0; i < n; i++) {
            long start = r.excludedUpTo(i);
            long end = r.windowEnds()[i];
            boolean present = false;
            for (int s = 0; s < lo.length && !present; s++) {
                RangeSeries series = r.series().get(s);
                while (lo[s] < series.size() && series.times()[lo[s]] <= start) {
                    lo[s]++;
                }
                present = lo[s] < series.size() && series.times()[lo[s]] <= end;
            }
            if (!present) {
                out[i] = 1;
                any = true;
            }
        }
        return new VectorSteps(any ? List.of(new StepSeries(absentLabels(c.args().get(0)), out)) : List.of());
    }

    /** sort/sort_desc order an instant query's result (NaN last either way); range queries ignore them. */
    private static VectorSteps sort(VectorSteps v, boolean descending, int n) {
        if (n != 1) {
            return v;
        }
        Comparator<StepSeries> byValue = (a, b) -> {
            double x = a.values[0];
            double y = b.values[0];
            boolean xn = Double.isNaN(x);
            boolean yn = Double.isNaN(y);
            if (xn || yn) {
                return Boolean.compare(xn, yn);
            }
            return descending ? Double.compare(y, x) : Double.compare(x, y);
        };
        List<StepSeries> sorted = new ArrayList<>(v.series());
        sorted.sort(byValue);
        return new VectorSteps(sorted);
    }

    private static VectorSteps clamp(Evaluator ev, String name, List<Expr> args, Steps steps) {
        VectorSteps v = ev.evalVector(args.get(0), steps);
        int n = steps.count();
        double[] min;
        double[] max;
        switch (name) {
            case "clamp" -> {
                min = ev.evalScalar(args.get(1), steps);
                max = ev.evalScalar(args.get(2), steps);
            }
            case "clamp_min" -> {
                min = ev.evalScalar(args.get(1), steps);
                max = ScalarSteps.constant(Double.POSITIVE_INFINITY, n).values();
            }
            default -> {
                min = ScalarSteps.constant(Double.NEGATIVE_INFINITY, n).values();
                max = ev.evalScalar(args.get(1), steps);
            }
        }
        VectorSteps clamped = map(v, (x, i) -> max[i] < min[i] ? Absent.VALUE
                : GoMath.max(min[i], GoMath.min(max[i], x)), true);
        List<StepSeries> kept = new ArrayList<>();
        for (StepSeries s : clamped.series()) {
            if (s.count() > 0) {
                kept.add(s);
            }
        }
        return new VectorSteps(kept);
    }

    static String string(Expr e) {
        Expr inner = e;
        while (inner instanceof ParenExpr p) {
            inner = p.expr();
        }
        if (inner instanceof StringLiteral s) {
            return s.value();
        }
        throw new PromqlException(ErrorType.BAD_DATA, "expected a string literal, got " + GoStrings.quote(e.toString()));
    }
}
