package io.sightline.query.promql.parser;

import static io.sightline.query.promql.parser.ValueType.MATRIX;
import static io.sightline.query.promql.parser.ValueType.SCALAR;
import static io.sightline.query.promql.parser.ValueType.STRING;
import static io.sightline.query.promql.parser.ValueType.VECTOR;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A PromQL function's signature, as Prometheus 3 declares it.
 *
 * @param argTypes     the declared argument types
 * @param variadic     0: exactly {@code argTypes}; n &gt; 0: the last type may appear 0..n times; -1: any
 *                     number of times (at least {@code argTypes.size() - 1} arguments)
 * @param experimental Prometheus refuses these unless a feature flag is set; so does Sightline
 */
public record FunctionSignature(String name, List<ValueType> argTypes, int variadic, ValueType returnType,
                                boolean experimental) {
    private static final Map<String, FunctionSignature> ALL = new HashMap<>();

    static {
        for (String f : List.of("abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sgn", "deg", "rad",
                "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh",
                "absent", "sort", "sort_desc", "timestamp", "histogram_avg", "histogram_count", "histogram_sum",
                "histogram_stddev", "histogram_stdvar")) {
            add(f, VECTOR, 0, VECTOR);
        }
        for (String f : List.of("rate", "irate", "increase", "delta", "idelta", "deriv", "resets", "changes",
                "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
                "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time",
                "absent_over_time")) {
            add(f, MATRIX, 0, VECTOR);
        }
        for (String f : List.of("day_of_week", "day_of_month", "day_of_year", "days_in_month", "hour", "minute",
                "month", "year")) {
            add(f, List.of(VECTOR), 1, VECTOR, false);
        }
        add("clamp", List.of(VECTOR, SCALAR, SCALAR), 0, VECTOR, false);
        add("clamp_max", List.of(VECTOR, SCALAR), 0, VECTOR, false);
        add("clamp_min", List.of(VECTOR, SCALAR), 0, VECTOR, false);
        add("round", List.of(VECTOR, SCALAR), 1, VECTOR, false);
        add("predict_linear", List.of(MATRIX, SCALAR), 0, VECTOR, false);
        add("quantile_over_time", List.of(SCALAR, MATRIX), 0, VECTOR, false);
        add("histogram_quantile", List.of(SCALAR, VECTOR), 0, VECTOR, false);
        add("histogram_fraction", List.of(SCALAR, SCALAR, VECTOR), 0, VECTOR, false);
        add("label_replace", List.of(VECTOR, STRING, STRING, STRING, STRING), 0, VECTOR, false);
        add("label_join", List.of(VECTOR, STRING, STRING, STRING), -1, VECTOR, false);
        add("scalar", List.of(VECTOR), 0, SCALAR, false);
        add("vector", List.of(SCALAR), 0, VECTOR, false);
        add("time", List.of(), 0, SCALAR, false);
        add("pi", List.of(), 0, SCALAR, false);
        add("double_exponential_smoothing", List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR, true);
        add("mad_over_time", List.of(MATRIX), 0, VECTOR, true);
        add("first_over_time", List.of(MATRIX), 0, VECTOR, true);
        add("sort_by_label", List.of(VECTOR, STRING), -1, VECTOR, true);
        add("sort_by_label_desc", List.of(VECTOR, STRING), -1, VECTOR, true);
    }

    public FunctionSignature {
        Objects.requireNonNull(name, "name");
        argTypes = List.copyOf(argTypes);
        Objects.requireNonNull(returnType, "returnType");
    }

    private static void add(String name, ValueType arg, int variadic, ValueType returnType) {
        add(name, List.of(arg), variadic, returnType, false);
    }

    private static void add(String name, List<ValueType> args, int variadic, ValueType returnType,
                            boolean experimental) {
        ALL.put(name, new FunctionSignature(name, args, variadic, returnType, experimental));
    }

    /** The function of that exact (case-sensitive) name. */
    public static Optional<FunctionSignature> named(String name) {
        return Optional.ofNullable(ALL.get(name));
    }
}
