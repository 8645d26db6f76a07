package io.sightline.query.api.loki;

import java.util.List;

import io.sightline.query.api.BadRequestException;
import io.sightline.query.logql.Logql;
import io.sightline.query.logql.LogqlParseException;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * A LogQL stream selector, {@code {app="api", env=~"prod|stage"}}, as {@code /series}' {@code match[]}
 * and {@code /labels}', {@code /label/<name>/values}' and {@code /index/stats}' {@code query} hold it:
 * parsed by the LogQL parser ({@link Logql#parseSelector}), its errors turned into the API's 400s.
 */
final class StreamSelectorParser {
    private StreamSelectorParser() {
    }

    /**
     * The matchers of {@code selector}.
     *
     * @throws BadRequestException with the parser's {@code parse error at line L, col C: ...}
     */
    static List<LabelMatcher> parse(String selector) {
        try {
            return Logql.parseSelector(selector);
        } catch (LogqlParseException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
