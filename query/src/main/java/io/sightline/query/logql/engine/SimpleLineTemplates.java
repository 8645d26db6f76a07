package io.sightline.query.logql.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TEMPORARY stand-in for the Go text/template engine: supports only literal text, {@code {{.label}}}
 * / {@code {{ .label }}} (a missing label renders as "") and {@code {{__line__}}}. Anything else
 * inside {@code {{ }}} is refused at compile time, so a query never silently renders wrongly. The
 * integrator replaces it with {@code io.sightline.query.template}. Stateless; thread-safe.
 */
public final class SimpleLineTemplates implements LineTemplates {
    @Override
    public Template compile(String text) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                parts.add(new Part(false, text.substring(at)));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("template: unclosed action in " + text);
            }
            if (open > at) {
                parts.add(new Part(false, text.substring(at, open)));
            }
            parts.add(action(text.substring(open + 2, close).strip(), text));
            at = close + 2;
        }
        List<Part> compiled = List.copyOf(parts);
        return (labels, line, timeNanos) -> render(compiled, labels, line);
    }

    private static Part action(String action, String template) {
        if (action.equals("__line__")) {
            return new Part(true, null);
        }
        if (action.length() > 1 && action.charAt(0) == '.' && isIdentifier(action.substring(1))) {
            return new Part(true, action.substring(1));
        }
        throw new IllegalArgumentException("template: unsupported action {{" + action + "}} in " + template
                + " (only {{.label}} and {{__line__}} are supported until the template engine is wired)");
    }

    private static boolean isIdentifier(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || Character.isLetter(c) || (i > 0 && Character.isDigit(c));
            if (!ok) {
                return false;
            }
        }
        return !name.isEmpty();
    }

    private static String render(List<Part> parts, Map<String, String> labels, String line) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (!part.action()) {
                out.append(part.text());
            } else if (part.text() == null) {
                out.append(line);
            } else {
                out.append(labels.getOrDefault(part.text(), ""));
            }
        }
        return out.toString();
    }

    /** Literal text, or an action: a label name, or null for {@code __line__}. */
    private record Part(boolean action, String text) {
    }
}
