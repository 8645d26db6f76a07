package io.sightline.query.template;

import java.util.List;

/**
 * What Prometheus's template function {@code query} runs: a PromQL instant query at the time the
 * caller chose (a rule's evaluation time). Implemented by the rule engine, not here.
 */
@FunctionalInterface
public interface TemplateQueryFunction {
    /** The query's instant vector; a thrown exception fails the template with its message. */
    List<TemplateSample> query(String expr) throws Exception;

    /** A function that refuses every query, for templates that must not query. */
    static TemplateQueryFunction none() {
        return expr -> {
            throw new UnsupportedOperationException("queries are not available here");
        };
    }
}
