package io.sightline.query.traces.traceql;

import java.util.Objects;

import com.google.re2j.Pattern;

/** A literal on the right of a comparison. Immutable. */
sealed interface Literal {
    record StringLit(String value) implements Literal {
        public StringLit {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The string of {@code =~}/{@code !~}, compiled once (RE2J, matching the whole value). */
    record RegexLit(String source, Pattern pattern) implements Literal {
        public RegexLit {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    record IntLit(long value) implements Literal {
    }

    record FloatLit(double value) implements Literal {
    }

    /** A duration in nanoseconds. */
    record DurationLit(long nanos) implements Literal {
    }

    record BoolLit(boolean value) implements Literal {
    }

    /** {@code error}, {@code ok}, {@code unset} as OTLP status codes. */
    record StatusLit(int code) implements Literal {
    }

    /** {@code server}, {@code client}, … as OTLP span kind numbers. */
    record KindLit(int kind) implements Literal {
    }

    /** {@code nil}: the attribute is absent. */
    record NilLit() implements Literal {
    }
}
