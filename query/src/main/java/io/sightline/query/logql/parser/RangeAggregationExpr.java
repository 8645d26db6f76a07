package io.sightline.query.logql.parser;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code rate({app="api"}[5m])}, {@code quantile_over_time(0.99, {app="api"} | unwrap latency [5m]) by (path)}.
 *
 * @param op       the aggregation
 * @param range    the log query and its window
 * @param param    the quantile of {@code quantile_over_time} (present only there)
 * @param grouping {@code by}/{@code without} after the call; only the aggregations of unwrapped
 *                 values that {@link RangeOp#allowsGrouping()} may have one
 */
public record RangeAggregationExpr(RangeOp op, LogRange range, OptionalDouble param, Optional<Grouping> grouping)
        implements SampleExpr {
    public RangeAggregationExpr {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(grouping, "grouping");
    }

    @Override
    public String toString() {
        return LogqlPrinter.print(this);
    }
}
