package io.sightline.query.logql.parser;

import java.util.Locale;
import java.util.Optional;

/**
 * The range aggregations over a {@link LogRange}, with Loki's rules for each: whether it counts
 * lines or bytes (no {@code unwrap}), needs unwrapped values, takes either, and may have a grouping.
 */
public enum RangeOp {
    COUNT_OVER_TIME("count_over_time", Unwrapping.FORBIDDEN, false),
    RATE("rate", Unwrapping.OPTIONAL, false),
    RATE_COUNTER("rate_counter", Unwrapping.REQUIRED, false),
    BYTES_OVER_TIME("bytes_over_time", Unwrapping.FORBIDDEN, false),
    BYTES_RATE("bytes_rate", Unwrapping.FORBIDDEN, false),
    AVG_OVER_TIME("avg_over_time", Unwrapping.REQUIRED, true),
    SUM_OVER_TIME("sum_over_time", Unwrapping.REQUIRED, false),
    MIN_OVER_TIME("min_over_time", Unwrapping.REQUIRED, true),
    MAX_OVER_TIME("max_over_time", Unwrapping.REQUIRED, true),
    STDVAR_OVER_TIME("stdvar_over_time", Unwrapping.REQUIRED, true),
    STDDEV_OVER_TIME("stddev_over_time", Unwrapping.REQUIRED, true),
    QUANTILE_OVER_TIME("quantile_over_time", Unwrapping.REQUIRED, true),
    FIRST_OVER_TIME("first_over_time", Unwrapping.REQUIRED, true),
    LAST_OVER_TIME("last_over_time", Unwrapping.REQUIRED, true),
    ABSENT_OVER_TIME("absent_over_time", Unwrapping.OPTIONAL, false);

    /** Whether the aggregation reads unwrapped label values. */
    public enum Unwrapping { FORBIDDEN, OPTIONAL, REQUIRED }

    private final String keyword;
    private final Unwrapping unwrapping;
    private final boolean allowsGrouping;

    RangeOp(String keyword, Unwrapping unwrapping, boolean allowsGrouping) {
        this.keyword = keyword;
        this.unwrapping = unwrapping;
        this.allowsGrouping = allowsGrouping;
    }

    public String keyword() {
        return keyword;
    }

    public Unwrapping unwrapping() {
        return unwrapping;
    }

    /** Whether {@code by}/{@code without} may follow the call (Loki: only these, on unwrapped values). */
    public boolean allowsGrouping() {
        return allowsGrouping;
    }

    /** Whether a numeric first argument is taken (only {@code quantile_over_time}). */
    public boolean hasParameter() {
        return this == QUANTILE_OVER_TIME;
    }

    /** The aggregation a word names, case-insensitively as Loki's lexer reads it. */
    static Optional<RangeOp> of(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (RangeOp op : values()) {
            if (op.keyword.equals(lower)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
