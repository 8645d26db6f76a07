package io.sightline.query.rules;

import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.PromqlParseException;
import io.sightline.query.promql.parser.Printer;

/** How a rule file's expressions are checked when the file is read. */
@FunctionalInterface
public interface RuleSyntax {
    /** Checks an expression; {@link IllegalArgumentException} with the parser's message when it is wrong. */
    void check(String expr);

    /**
     * An expression as the APIs show it: PromQL as Prometheus prints it ({@code expr.String()}),
     * another language's (LogQL) as written.
     */
    static String printed(String expr) {
        try {
            return Printer.print(PromqlEngine.parse(expr));
        } catch (PromqlParseException notPromql) {
            return expr;
        }
    }

    /** PromQL, as Prometheus's rule files. */
    RuleSyntax PROMQL = expr -> {
        try {
            PromqlEngine.parse(expr);
        } catch (PromqlParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    };
}
