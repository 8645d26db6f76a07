package io.sightline.query.promql.parser;

import java.util.Locale;

/** The aggregation operators, and the type of the parameter each takes (null for none). */
public enum AggregationOp {
    SUM(null), AVG(null), COUNT(null), MIN(null), MAX(null), GROUP(null), STDDEV(null), STDVAR(null),
    TOPK(ValueType.SCALAR), BOTTOMK(ValueType.SCALAR), QUANTILE(ValueType.SCALAR), COUNT_VALUES(ValueType.STRING);

    private final ValueType parameterType;

    AggregationOp(ValueType parameterType) {
        this.parameterType = parameterType;
    }

    /** The parameter's type, or null when the operator takes none. */
    ValueType parameterType() {
        return parameterType;
    }

    public boolean hasParameter() {
        return parameterType != null;
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operator named by a word (case-insensitive), or null. */
    static AggregationOp of(String word) {
        for (AggregationOp op : values()) {
            if (op.keyword().equalsIgnoreCase(word)) {
                return op;
            }
        }
        return null;
    }
}
