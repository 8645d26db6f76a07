package io.sightline.query.logql.parser;

import java.util.Objects;

/**
 * {@code label_replace(expr, "dst", "replacement", "src", "regex")}, as PromQL's.
 *
 * @param regex the regex as written; it compiled (RE2J) when anchored as {@code ^(?:regex)$}
 */
public record LabelReplaceExpr(SampleExpr expr, String destination, String replacement, String source, String regex)
        implements SampleExpr {
    public LabelReplaceExpr {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(regex, "regex");
    }

    @Override
    public String toString() {
        return LogqlPrinter.print(this);
    }
}
