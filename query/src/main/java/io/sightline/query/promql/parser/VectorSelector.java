package io.sightline.query.promql.parser;

import java.util.List;
import java.util.Objects;

import io.sightline.storage.tsdb.LabelMatcher;

/**
 * An instant vector selector: {@code name{matchers} @ t offset d}. When a name is given,
 * {@code matchers} ends with the {@code __name__="name"} matcher, as in Prometheus.
 *
 * @param name     the metric name written before the braces, or "" when none
 * @param offsetMs the offset in milliseconds (negative for {@code offset -5m})
 */
public record VectorSelector(String name, List<LabelMatcher> matchers, long offsetMs, AtModifier at, int position)
        implements Expr {
    public VectorSelector {
        Objects.requireNonNull(name, "name");
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(at, "at");
    }

    VectorSelector withOffset(long offset) {
        return new VectorSelector(name, matchers, offset, at, position);
    }

    VectorSelector withAt(AtModifier newAt) {
        return new VectorSelector(name, matchers, offsetMs, newAt, position);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
