package io.sightline.query.logql.engine;

import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

import io.sightline.query.template.GoTemplate;
import io.sightline.query.template.LokiTemplateFunctions;
import io.sightline.query.template.MissingKey;
import io.sightline.query.template.TemplateException;
import io.sightline.query.template.TemplateFunctions;
import io.sightline.query.template.TemplateLimits;

/**
 * {@code line_format} and {@code label_format} templates as Loki runs them: Go's text/template with
 * Loki's functions ({@link LokiTemplateFunctions}), the line's labels as the data, {@code __line__}
 * and {@code __timestamp__} bound per line, and a missing label rendering as "" (Loki's
 * {@code missingkey=zero} on a map of strings). Thread-safe: a compiled template is immutable.
 */
public final class GoLineTemplates implements LineTemplates {
    private final TemplateFunctions functions;
    private final TemplateLimits limits;

    /** @param clock what Loki's {@code now} reads */
    public GoLineTemplates(InstantSource clock, TemplateLimits limits) {
        this.functions = LokiTemplateFunctions.create(Objects.requireNonNull(clock, "clock"));
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public Template compile(String text) {
        GoTemplate template;
        try {
            template = GoTemplate.parse("line", text, functions, limits, MissingKey.EMPTY_STRING);
        } catch (TemplateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return (labels, line, timeNanos) -> execute(template, labels, line, timeNanos);
    }

    private static String execute(GoTemplate template, Map<String, String> labels, String line, long timeNanos) {
        try {
            return template.execute(labels, LokiTemplateFunctions.forLine(line, timeNanos));
        } catch (TemplateException e) {
            throw new ExecutionException(e.getMessage(), e);
        }
    }
}
