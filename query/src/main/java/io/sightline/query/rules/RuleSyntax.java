package io.sightline.query.rules;

import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.PromqlParseException;
import io.sightline.query.promql.parser.Printer;

/** How a rule file's expressions are checked when the file is read, and shown by the APIs. */
@FunctionalInterface
public interface RuleSyntax {
    /** Checks an expression; {@link IllegalArgumentException} with the parser's message when it is wrong. */
    void check(String expr);

    /** A checked expression as the APIs and generator URLs show it; as written unless the language prints its own. */
    default String print(String expr) {
        return expr;
    }

    /** PromQL, as Prometheus's rule files; printed as Prometheus prints it ({@code expr.String()}). */
    RuleSyntax PROMQL = new RuleSyntax() {
        @Override
        public void check(String expr) {
            try {
                PromqlEngine.parse(expr);
            } catch (PromqlParseException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        @Override
        public String print(String expr) {
            return Printer.print(PromqlEngine.parse(expr));
        }
    };
}
