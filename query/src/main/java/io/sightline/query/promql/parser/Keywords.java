package io.sightline.query.promql.parser;

import java.util.Locale;
import java.util.Set;

/** The words PromQL treats specially; they are still valid label names (and mostly metric names). */
final class Keywords {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "atan2", "by", "without", "on",
            "ignoring", "group_left", "group_right", "bool", "offset", "start", "end", "sum", "avg", "count", "min",
            "max", "group", "stddev", "stdvar", "topk", "bottomk", "count_values", "quantile", "limitk",
            "limit_ratio");

    private Keywords() {
    }

    static boolean isKeyword(String word) {
        return KEYWORDS.contains(word.toLowerCase(Locale.ROOT));
    }
}
