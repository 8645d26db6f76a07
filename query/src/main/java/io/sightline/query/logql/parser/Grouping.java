package io.sightline.query.logql.parser;

import java.util.List;

/**
 * {@code by (a, b)} or {@code without (a, b)}. For vector aggregations no grouping and {@code by ()}
 * are the same: everything into one series.
 *
 * @param labels  the label names, as written
 * @param without whether the labels are removed rather than kept
 */
public record Grouping(List<String> labels, boolean without) {
    /** No grouping: one output series without labels. */
    public static final Grouping NONE = new Grouping(List.of(), false);

    public Grouping {
        labels = List.copyOf(labels);
    }
}
