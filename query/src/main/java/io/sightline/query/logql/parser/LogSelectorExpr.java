package io.sightline.query.logql.parser;

import java.util.List;

import io.sightline.storage.tsdb.LabelMatcher;

/**
 * A log query: a stream selector and the pipeline applied to each line of the selected streams,
 * {@code {app="api", env=~"prod|dev"} |= "error" | json | status >= 500}.
 *
 * @param matchers the stream selector's matchers in query order (regexes RE2, fully anchored; at
 *                 least one of them does not match the empty string)
 * @param stages   the pipeline stages in query order; empty for a bare selector
 */
public record LogSelectorExpr(List<LabelMatcher> matchers, List<PipelineStage> stages) implements LogqlExpr {
    public LogSelectorExpr {
        matchers = List.copyOf(matchers);
        stages = List.copyOf(stages);
    }

    @Override
    public String toString() {
        return LogqlPrinter.print(this);
    }
}
