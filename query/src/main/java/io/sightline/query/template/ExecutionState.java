package io.sightline.query.template;

import io.sightline.query.promql.parser.GoStrings;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable part of one execution, Go's {@code state}: the output, the variable stack, the node
 * being evaluated (for error messages), the name of the template being executed, and the counters
 * that enforce {@link TemplateLimits}. One per {@link GoTemplate#execute} call, never shared.
 */
final class ExecutionState {
    private final String text;
    private final String parseName;
    private final TemplateLimits limits;
    private final StringBuilder out = new StringBuilder();
    private final List<String> varNames = new ArrayList<>();
    private final List<Object> varValues = new ArrayList<>();
    private long steps;
    String templateName;
    TemplateNode at;
    int depth;

    ExecutionState(String text, String parseName, TemplateLimits limits) {
        this.text = text;
        this.parseName = parseName;
        this.limits = limits;
        this.templateName = parseName;
    }

    String output() {
        return out.toString();
    }

    void write(String s) {
        if (out.length() + (long) s.length() > limits.maxOutputChars()) {
            throw error("output exceeds the limit of " + limits.maxOutputChars() + " chars");
        }
        out.append(s);
    }

    void step() {
        if (++steps > limits.maxSteps()) {
            throw error("execution exceeds the limit of " + limits.maxSteps() + " steps");
        }
    }

    int maxDepth() {
        return limits.maxDepth();
    }

    // ---- variables, Go's push-down stack

    int mark() {
        return varNames.size();
    }

    void push(String name, Object value) {
        varNames.add(name);
        varValues.add(value);
    }

    void pop(int mark) {
        while (varNames.size() > mark) {
            varNames.removeLast();
            varValues.removeLast();
        }
    }

    /** Overwrites the latest variable of that name ({@code $x = ...}). */
    void setVar(String name, Object value) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(name)) {
                varValues.set(i, value);
                return;
            }
        }
        throw error("undefined variable: " + name);
    }

    /** Overwrites the n-th variable from the top (1 is the top), for range iterations. */
    void setTopVar(int n, Object value) {
        varValues.set(varValues.size() - n, value);
    }

    Object varValue(String name) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(name)) {
                return varValues.get(i);
            }
        }
        throw error("undefined variable: " + name);
    }

    /** Replaces the stack for a {@code {{template}}} call; returns the old one for {@link #restoreVars}. */
    Object[] enterTemplate(Object dot) {
        Object[] saved = {new ArrayList<>(varNames), new ArrayList<>(varValues)};
        varNames.clear();
        varValues.clear();
        push("$", dot);
        return saved;
    }

    @SuppressWarnings("unchecked")
    void restoreVars(Object[] saved) {
        varNames.clear();
        varValues.clear();
        varNames.addAll((List<String>) saved[0]);
        varValues.addAll((List<Object>) saved[1]);
    }

    // ---- errors

    /** Go's execution error: {@code template: <name>:<line>:<col>: executing "<tmpl>" at <node>: <message>}. */
    TemplateException error(String message) {
        if (at == null) {
            return new TemplateException("template: " + parseName + ": " + message, false);
        }
        int pos = Math.min(at.pos(), text.length());
        int lineStart = text.lastIndexOf('\n', pos - 1) + 1;
        int line = 1;
        for (int i = 0; i < lineStart; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        int column = GoValues.utf8Length(text.substring(lineStart, pos));
        return new TemplateException("template: " + parseName + ":" + line + ":" + column + ": executing "
                + GoStrings.quote(templateName) + " at <" + at + ">: " + message, false);
    }
}
