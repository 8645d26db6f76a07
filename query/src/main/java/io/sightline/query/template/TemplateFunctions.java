package io.sightline.query.template;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable set of functions a template may call: always Go's built-ins ({@code and or not len
 * index slice print printf println eq ne lt le gt ge html js urlquery call}), plus whatever a
 * caller adds ({@link LokiTemplateFunctions}, {@link PrometheusTemplateFunctions}, its own;
 * {@link GoTemplate#parse} adds the built-ins under any set it is given). A
 * function added under a built-in's name replaces it, as Go's {@code Funcs} does. Thread-safe.
 */
public final class TemplateFunctions {
    private static final TemplateFunctions BUILTINS = new TemplateFunctions(BuiltinFunctions.all());
    private static final TemplateFunctions NONE = new TemplateFunctions(Map.of());

    private final Map<String, TemplateFunction> byName;

    private TemplateFunctions(Map<String, TemplateFunction> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** Go's built-in functions only. */
    public static TemplateFunctions builtins() {
        return BUILTINS;
    }

    /**
     * Exactly these functions, without the built-ins: the per-execution functions of
     * {@link GoTemplate#execute(Object, TemplateFunctions)} (a log line's {@code __line__}).
     */
    public static TemplateFunctions of(Collection<TemplateFunction> functions) {
        return NONE.with(functions);
    }

    /** These functions and {@code more}; a name in both takes the one from {@code more}. */
    public TemplateFunctions with(Collection<TemplateFunction> more) {
        Map<String, TemplateFunction> merged = new LinkedHashMap<>(byName);
        for (TemplateFunction f : more) {
            merged.put(f.name(), f);
        }
        return new TemplateFunctions(merged);
    }

    /** These functions and those of {@code other}; a name in both takes the one from {@code other}. */
    public TemplateFunctions with(TemplateFunctions other) {
        return with(other.byName.values());
    }

    /** The function of that name, or null. */
    public TemplateFunction get(String name) {
        return byName.get(name);
    }

    /** Every function of the set. */
    public java.util.Collection<TemplateFunction> all() {
        return byName.values();
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** True when {@code fn} is the built-in of that name, which the executor treats specially. */
    boolean isBuiltin(String name, TemplateFunction fn) {
        return BUILTINS.byName.get(name) == fn;
    }
}
