package io.sightline.query.promql.parser;

import java.util.List;
import java.util.Objects;

/**
 * How a binary operation between two instant vectors pairs samples.
 *
 * @param cardinality    one-to-one, many-to-one ({@code group_left}), one-to-many ({@code group_right})
 *                       or many-to-many (set operators)
 * @param matchingLabels the labels of {@code on(...)} or {@code ignoring(...)}
 * @param on             whether {@code on} (only these labels) rather than {@code ignoring}
 * @param include        the labels of {@code group_left(...)}/{@code group_right(...)} copied from the one side
 */
public record VectorMatching(Cardinality cardinality, List<String> matchingLabels, boolean on, List<String> include) {
    public enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

    public VectorMatching {
        Objects.requireNonNull(cardinality, "cardinality");
        matchingLabels = List.copyOf(matchingLabels);
        include = List.copyOf(include);
    }

    /** The default: one-to-one on all labels but the metric name. */
    public static VectorMatching defaults(Cardinality cardinality) {
        return new VectorMatching(cardinality, List.of(), false, List.of());
    }

    VectorMatching withCardinality(Cardinality c) {
        return new VectorMatching(c, matchingLabels, on, include);
    }
}
