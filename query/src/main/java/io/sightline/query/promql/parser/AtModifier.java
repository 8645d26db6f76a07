package io.sightline.query.promql.parser;

/**
 * The {@code @} modifier of a selector or subquery: none, a fixed time, or the query's start or end.
 *
 * @param kind        which form
 * @param timestampMs the fixed time in Unix milliseconds (only for {@link Kind#TIMESTAMP})
 */
public record AtModifier(Kind kind, long timestampMs) {
    public enum Kind { NONE, TIMESTAMP, START, END }

    public static final AtModifier NONE = new AtModifier(Kind.NONE, 0);
    public static final AtModifier START = new AtModifier(Kind.START, 0);
    public static final AtModifier END = new AtModifier(Kind.END, 0);

    public static AtModifier at(long timestampMs) {
        return new AtModifier(Kind.TIMESTAMP, timestampMs);
    }

    public boolean isSet() {
        return kind != Kind.NONE;
    }

    /** The evaluation time this modifier pins, given the query's start and end; {@code t} when unset. */
    public long resolve(long t, long queryStartMs, long queryEndMs) {
        return switch (kind) {
            case NONE -> t;
            case TIMESTAMP -> timestampMs;
            case START -> queryStartMs;
            case END -> queryEndMs;
        };
    }
}
