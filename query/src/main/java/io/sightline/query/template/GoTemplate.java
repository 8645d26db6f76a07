package io.sightline.query.template;

import io.sightline.query.template.TemplateNode.ListNode;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed Go {@code text/template}: the template language of Loki's {@code line_format} and
 * {@code label_format} and of Prometheus's alerting-rule labels and annotations.
 *
 * <pre>{@code
 * GoTemplate t = GoTemplate.parse("line", "{{ .method | upper }} {{ .path }}",
 *         LokiTemplateFunctions.create(line, clock));
 * String out = t.execute(Map.of("method", "get", "path", "/"));   // "GET /"
 * }</pre>
 *
 * <p>Parse once, execute many times: a {@code GoTemplate} is immutable and thread-safe. Data is the
 * Java data model ({@code Map<String, ?>}, {@code List<?>}, {@code String}, {@code Long}/{@code Integer},
 * {@code Double}, {@code Boolean}, {@link GoTime}, {@code null}); a map's missing key is "no value"
 * ({@code <no value>} when printed) unless {@link MissingKey} says otherwise.
 */
public final class GoTemplate {
    private final String name;
    private final String text;
    private final Map<String, ListNode> trees;
    private final TemplateFunctions functions;
    private final TemplateLimits limits;
    private final MissingKey missingKey;

    private GoTemplate(String name, String text, Map<String, ListNode> trees, TemplateFunctions functions,
                       TemplateLimits limits, MissingKey missingKey) {
        this.name = name;
        this.text = text;
        this.trees = trees;
        this.functions = functions;
        this.limits = limits;
        this.missingKey = missingKey;
    }

    /** Parses with {@link TemplateLimits#defaults()} and missing keys as "no value". */
    public static GoTemplate parse(String name, String text, TemplateFunctions functions) {
        return parse(name, text, functions, TemplateLimits.defaults(), MissingKey.NO_VALUE);
    }

    /**
     * @param name      the template's name, shown in error messages ({@code template: name:1: ...})
     * @param text      the template text
     * @param functions the functions it may call; a call of any other name is a parse error
     * @throws TemplateException when the text does not parse or is longer than the limit
     */
    public static GoTemplate parse(String name, String text, TemplateFunctions functions, TemplateLimits limits,
                                   MissingKey missingKey) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(functions, "functions");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(missingKey, "missingKey");
        if (text.length() > limits.maxTextLength()) {
            throw new TemplateException("template: " + name + ": text of " + text.length()
                    + " chars exceeds the limit of " + limits.maxTextLength(), true);
        }
        TemplateFunctions all = TemplateFunctions.builtins().with(functions);
        Map<String, ListNode> trees = TemplateParser.parse(name, text, all::contains);
        return new GoTemplate(name, text, Map.copyOf(trees), all, limits, missingKey);
    }

    /**
     * Runs the template over {@code data} ({@code .} and {@code $}).
     *
     * @return the output
     * @throws TemplateException on an execution error or an exceeded limit, in Go's message form
     */
    public String execute(Object data) {
        return execute(data, TemplateFunctions.of(java.util.List.of()));
    }

    /**
     * Runs the template with functions bound to this execution, which take precedence over those it
     * was parsed with: what changes per call, such as Loki's {@code __line__}
     * ({@link LokiTemplateFunctions#forLine}) or a query at the rule's evaluation time
     * ({@link PrometheusTemplateFunctions#forQuery}). Their names must have been known at parse time.
     */
    public String execute(Object data, TemplateFunctions perExecution) {
        ExecutionState state = new ExecutionState(text, name, limits);
        try {
            return new TemplateExecutor(trees, functions, perExecution, missingKey, state).run(trees.get(name), data);
        } catch (StackOverflowError e) {
            throw state.error("template nesting is too deep for the stack");
        }
    }

    /** The name it was parsed with. */
    public String name() {
        return name;
    }

    /** The names of the templates it holds: its own and those it {@code define}s. */
    public java.util.Set<String> templateNames() {
        return trees.keySet();
    }
}
