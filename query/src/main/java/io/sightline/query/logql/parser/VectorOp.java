package io.sightline.query.logql.parser;

import java.util.Locale;
import java.util.Optional;

/** The vector aggregations; {@code topk}/{@code bottomk} take an integer k first. */
public enum VectorOp {
    SUM("sum"), AVG("avg"), MIN("min"), MAX("max"), COUNT("count"), STDDEV("stddev"), STDVAR("stdvar"),
    TOPK("topk"), BOTTOMK("bottomk"), SORT("sort"), SORT_DESC("sort_desc");

    private final String keyword;

    VectorOp(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public boolean hasParameter() {
        return this == TOPK || this == BOTTOMK;
    }

    static Optional<VectorOp> of(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (VectorOp op : values()) {
            if (op.keyword.equals(lower)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
