package io.sightline.query.template;

import java.util.List;

/**
 * A function a template may call by name ({@code {{ upper .x }}}), with a Go-like signature: fixed
 * parameters and, when {@code variadic}, a last parameter type repeated any number of times (also
 * none). The executor checks the count and types as Go does, then calls {@link #call}.
 *
 * <p>Implementations must be thread-safe: a parsed template runs on many threads at once.
 *
 * @param name       the name a template calls it by
 * @param parameters parameter types; for a variadic function the last one is the element type
 * @param variadic   whether the last parameter repeats
 * @param body       what it computes
 */
public record TemplateFunction(String name, List<ArgType> parameters, boolean variadic, Body body) {

    public TemplateFunction {
        parameters = List.copyOf(parameters);
        if (variadic && parameters.isEmpty()) {
            throw new IllegalArgumentException("a variadic function needs its element type");
        }
    }

    /** A function of exactly these parameters. */
    public static TemplateFunction of(String name, Body body, ArgType... parameters) {
        return new TemplateFunction(name, List.of(parameters), false, body);
    }

    /** A function whose last parameter type repeats zero or more times. */
    public static TemplateFunction variadic(String name, Body body, ArgType... parameters) {
        return new TemplateFunction(name, List.of(parameters), true, body);
    }

    /** The computation. A thrown exception stops execution with {@code error calling <name>: <message>}. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param args the arguments, already checked against the parameter types
         * @return the result: a value of the data model ({@code String}, {@code Long}, {@code Double},
         *         {@code Boolean}, {@code Map}, {@code List}, {@link GoTime}, or {@code null})
         */
        Object call(List<Object> args) throws Exception;
    }
}
