package io.sightline.query.logql.parser;

import java.time.Duration;
import java.util.Objects;

import io.sightline.storage.tsdb.LabelMatcher;

/**
 * A predicate on the labels of a line (after parsers), in a {@code |} stage or after {@code unwrap}.
 * Only {@link StringFilter} sees a missing label (as ""); the typed filters fail on it and, when the
 * value does not convert, set {@code __error__} and keep the line, as Loki does.
 */
public sealed interface LabelFilter {

    /** The comparison of a typed filter; {@code =} and {@code ==} are both {@link #EQ}. */
    enum Comparison {
        EQ("=="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** {@code name="v"}, {@code !=}, {@code =~}, {@code !~}: the matcher (regexes anchored) on the label value. */
    record StringFilter(LabelMatcher matcher) implements LabelFilter {
        public StringFilter {
            Objects.requireNonNull(matcher, "matcher");
        }
    }

    /** {@code status >= 500}: the value read as a float. */
    record NumericFilter(String name, Comparison op, double value) implements LabelFilter {
        public NumericFilter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(op, "op");
        }
    }

    /** {@code latency > 250ms}: the value read as a Go duration. */
    record DurationFilter(String name, Comparison op, Duration value) implements LabelFilter {
        public DurationFilter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code size > 20MB}: the value read as a byte size ({@code 1KB} = 1000, {@code 1KiB} = 1024). */
    record BytesFilter(String name, Comparison op, long bytes) implements LabelFilter {
        public BytesFilter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(op, "op");
        }
    }

    /** {@code addr = ip("10.0.0.0/8")}: {@code op} is {@link Comparison#EQ} or {@link Comparison#NE}. */
    record IpFilter(String name, Comparison op, String pattern) implements LabelFilter {
        public IpFilter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pattern, "pattern");
            if (op != Comparison.EQ && op != Comparison.NE) {
                throw new IllegalArgumentException("ip() filters compare with = or !=: " + op);
            }
        }
    }

    /** {@code a and b} ({@code and}, {@code ,} and plain juxtaposition all mean and), {@code a or b}. */
    record BinaryFilter(LabelFilter left, LabelFilter right, boolean and) implements LabelFilter {
        public BinaryFilter {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }
}
