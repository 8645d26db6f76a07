package io.sightline.query.template;

import static io.sightline.query.template.ArgType.ANY;
import static io.sightline.query.template.ArgType.STRING;
import static io.sightline.query.template.ArgType.VALUE;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's predefined template functions (Go's {@code funcs.go} semantics): comparisons that refuse
 * to compare an int with a float, {@code index}/{@code slice}/{@code len} over lists, maps and
 * strings (strings by UTF-8 byte, as Go), the escapers, and the {@code fmt} printers. {@code and},
 * {@code or} and {@code call} are evaluated by {@link FunctionCalls}; their bodies here only give
 * their signatures.
 */
final class BuiltinFunctions {
    private BuiltinFunctions() {
    }

    static Map<String, TemplateFunction> all() {
        Map<String, TemplateFunction> m = new LinkedHashMap<>();
        add(m, TemplateFunction.variadic("and", a -> a.getLast(), VALUE, VALUE));
        add(m, TemplateFunction.variadic("or", a -> a.getLast(), VALUE, VALUE));
        add(m, TemplateFunction.variadic("call", a -> null, VALUE, VALUE));
        add(m, TemplateFunction.of("not", a -> !GoValues.isTrue(a.get(0)), VALUE));
        add(m, TemplateFunction.of("len", a -> length(a.get(0)), VALUE));
        add(m, TemplateFunction.variadic("index", a -> GoCollections.index(a.get(0), a.subList(1, a.size())),
                VALUE, VALUE));
        add(m, TemplateFunction.variadic("slice", a -> GoCollections.slice(a.get(0), a.subList(1, a.size())),
                VALUE, VALUE));
        add(m, TemplateFunction.variadic("print", GoFormatter::sprint, ANY));
        add(m, TemplateFunction.variadic("println", GoFormatter::sprintln, ANY));
        add(m, TemplateFunction.variadic("printf", a -> GoFormatter.sprintf((String) a.get(0), a.subList(1, a.size())),
                STRING, ANY));
        add(m, TemplateFunction.variadic("html", a -> htmlEscape(evalArgs(a)), ANY));
        add(m, TemplateFunction.variadic("js", a -> jsEscape(evalArgs(a)), ANY));
        add(m, TemplateFunction.variadic("urlquery", a -> queryEscape(evalArgs(a)), ANY));
        add(m, TemplateFunction.variadic("eq", a -> GoComparisons.eq(a.get(0), a.subList(1, a.size())), VALUE, VALUE));
        add(m, TemplateFunction.of("ne", a -> !GoComparisons.eq(a.get(0), List.of(a.get(1))), VALUE, VALUE));
        add(m, TemplateFunction.of("lt", a -> GoComparisons.lt(a.get(0), a.get(1)), VALUE, VALUE));
        add(m, TemplateFunction.of("le", a -> GoComparisons.le(a.get(0), a.get(1)), VALUE, VALUE));
        add(m, TemplateFunction.of("gt", a -> !GoComparisons.le(a.get(0), a.get(1)), VALUE, VALUE));
        add(m, TemplateFunction.of("ge", a -> !GoComparisons.lt(a.get(0), a.get(1)), VALUE, VALUE));
        return m;
    }

    private static void add(Map<String, TemplateFunction> m, TemplateFunction f) {
        m.put(f.name(), f);
    }

    private static long length(Object item) {
        if (item == null) {
            throw new IllegalArgumentException("len of nil pointer");
        }
        if (item == GoValues.NO_VALUE) {
            throw new IllegalArgumentException("reflect: call of reflect.Value.Type on zero Value");
        }
        return switch (item) {
            case String s -> GoValues.utf8Length(s);
            case List<?> l -> l.size();
            case Map<?, ?> m -> m.size();
            default -> throw new IllegalArgumentException("len of type " + GoValues.typeName(item));
        };
    }

    /** Go's {@code evalArgs}: one string argument as it is, otherwise {@code fmt.Sprint} of all. */
    private static String evalArgs(List<Object> args) {
        if (args.size() == 1 && args.get(0) instanceof String s) {
            return s;
        }
        return GoFormatter.sprint(args);
    }

    /** Go's {@code HTMLEscapeString}. */
    static String htmlEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\0' -> out.append('\uFFFD');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Go's {@code JSEscapeString}. */
    static String jsEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '<' -> out.append("\\u003C");
                case '>' -> out.append("\\u003E");
                case '&' -> out.append("\\u0026");
                case '=' -> out.append("\\u003D");
                default -> {
                    if (c < ' ') {
                        out.append(String.format("\\u%04X", c));
                    } else if (c < 0x80 || GoValues.describeRune(c).contains("'")) {
                        out.appendCodePoint(c);
                    } else {
                        out.append(String.format("\\u%04X", c));
                    }
                }
            }
        });
        return out.toString();
    }

    /** Go's {@code url.QueryEscape}: space as {@code +}, unreserved {@code A-Z a-z 0-9 - _ . ~} kept. */
    static String queryEscape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }
}
