package io.sightline.query.logql;

import java.util.List;

import io.sightline.query.logql.parser.LogSelectorExpr;
import io.sightline.query.logql.parser.LogqlExpr;
import io.sightline.query.logql.parser.LogqlParser;
import io.sightline.query.logql.parser.LogqlPrinter;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * The LogQL language's public face: parse a query into its AST ({@code io.sightline.query.logql.parser})
 * and print one back as Loki's canonical text. Stateless; thread-safe.
 */
public final class Logql {
    private Logql() {
    }

    /**
     * A log query ({@code LogSelectorExpr}) or metric query ({@code SampleExpr}), with the default
     * limits.
     *
     * @throws LogqlParseException with Loki's wording, line and column
     */
    public static LogqlExpr parse(String query) {
        return parse(query, LogqlParserConfig.defaults());
    }

    public static LogqlExpr parse(String query, LogqlParserConfig config) {
        return LogqlParser.parse(query, config);
    }

    /**
     * The matchers of a bare stream selector ({@code {app="api", env=~"prod.*"}}), as the Loki API's
     * {@code /series} {@code match[]} and {@code /labels} {@code query} parameters take it. As Loki's
     * {@code ParseMatchers}: a pipeline or metric query is refused ({@code only label matchers is
     * supported}), and the selector needs a matcher that does not match the empty string.
     *
     * @throws LogqlParseException when the text is not such a selector
     */
    public static List<LabelMatcher> parseSelector(String selector) {
        LogqlExpr expr = parse(selector);
        if (!(expr instanceof LogSelectorExpr s) || !s.stages().isEmpty()) {
            throw new LogqlParseException(selector, 0, "only label matchers is supported");
        }
        return s.matchers();
    }

    /** Loki's canonical text of a query: parsing it gives back an equal tree. */
    public static String format(LogqlExpr expr) {
        return LogqlPrinter.print(expr);
    }
}
