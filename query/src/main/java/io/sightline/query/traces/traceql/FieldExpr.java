package io.sightline.query.traces.traceql;

import java.util.Objects;

/** A condition on one span inside {@code { }}. Immutable. */
sealed interface FieldExpr {
    /** {@code {}}: every span. */
    record MatchAll() implements FieldExpr {
    }

    /** {@code a && b} on the same span. */
    record And(FieldExpr left, FieldExpr right) implements FieldExpr {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** {@code a || b} on the same span. */
    record Or(FieldExpr left, FieldExpr right) implements FieldExpr {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** {@code attribute op literal}, types checked by the parser. */
    record Comparison(Attribute attribute, CompareOp op, Literal value) implements FieldExpr {
        public Comparison {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A comparison operator. */
    enum CompareOp {
        EQ("="), NEQ("!="), GT(">"), GTE(">="), LT("<"), LTE("<="), RE("=~"), NRE("!~");

        final String symbol;

        CompareOp(String symbol) {
            this.symbol = symbol;
        }

        boolean isOrdering() {
            return this == GT || this == GTE || this == LT || this == LTE;
        }

        boolean isRegex() {
            return this == RE || this == NRE;
        }

        /** Whether {@code cmp} (a compareTo result of value against literal) satisfies this operator. */
        boolean holds(int cmp) {
            return switch (this) {
                case EQ -> cmp == 0;
                case NEQ -> cmp != 0;
                case GT -> cmp > 0;
                case GTE -> cmp >= 0;
                case LT -> cmp < 0;
                case LTE -> cmp <= 0;
                case RE, NRE -> throw new IllegalStateException("regex operator " + symbol);
            };
        }
    }
}
