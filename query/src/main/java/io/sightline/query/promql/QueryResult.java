package io.sightline.query.promql;

import java.util.List;
import java.util.Objects;

/**
 * A query's answer with the non-fatal problems found on the way, as Prometheus's API returns
 * them: {@code warnings} ("PromQL warning: ...") and {@code infos} ("PromQL info: ...").
 */
public record QueryResult(QueryValue value, List<String> warnings, List<String> infos) {
    public QueryResult {
        Objects.requireNonNull(value, "value");
        warnings = List.copyOf(warnings);
        infos = List.copyOf(infos);
    }
}
