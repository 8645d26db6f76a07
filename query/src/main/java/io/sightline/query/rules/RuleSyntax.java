package io.sightline.query.rules;

import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.PromqlParseException;

/** How a rule file's expressions are checked when the file is read. */
@FunctionalInterface
public interface RuleSyntax {
    /** Checks an expression; {@link IllegalArgumentException} with the parser's message when it is wrong. */
    void check(String expr);

    /** PromQL, as Prometheus's rule files. */
    RuleSyntax PROMQL = expr -> {
        try {
            PromqlEngine.parse(expr);
        } catch (PromqlParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    };
}
