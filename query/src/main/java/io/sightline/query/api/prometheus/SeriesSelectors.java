package io.sightline.query.api.prometheus;

import java.util.ArrayList;
import java.util.List;

import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.PromqlParseException;
import io.sightline.query.promql.parser.Expr;
import io.sightline.query.promql.parser.Selectors;
import io.sightline.query.promql.parser.VectorSelector;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * Series selectors in requests: the {@code match[]} parameters of {@code /series} and the label
 * endpoints (Prometheus's {@code parseMatchersParam}), and the selectors inside a query that
 * {@code /query_exemplars} looks up (Prometheus's {@code parser.ExtractSelectors}).
 */
final class SeriesSelectors {
    private SeriesSelectors() {
    }

    /**
     * Each {@code match[]} value's matchers.
     *
     * @throws PromqlParseException for a value that is not a plain series selector
     * @throws ApiError             bad_data when a selector's matchers all match the empty string
     */
    static List<List<LabelMatcher>> parseMatchers(List<String> selectors) {
        List<List<LabelMatcher>> sets = new ArrayList<>(selectors.size());
        for (String selector : selectors) {
            Expr expr = PromqlEngine.parse(selector);
            if (!(expr instanceof VectorSelector vs) || vs.offsetMs() != 0 || vs.at().isSet()) {
                throw new PromqlParseException(selector, expr.position(),
                        "unexpected expression, a series selector is required");
            }
            if (vs.matchers().stream().allMatch(LabelMatcher::matchesEmpty)) {
                throw ApiError.badData("match[] must contain at least one non-empty matcher");
            }
            sets.add(vs.matchers());
        }
        return sets;
    }

    /** The matchers of every vector selector in {@code expr}, in the order they are written. */
    static List<List<LabelMatcher>> extract(Expr expr) {
        return Selectors.of(expr);
    }


}
