package io.sightline.query.traces.traceql;

import java.util.Objects;

/** A TraceQL expression over the spans of one trace: a filter, or two spansets combined. Immutable. */
sealed interface SpansetExpr {
    /** {@code { condition }}: the spans that meet the condition. */
    record Filter(FieldExpr condition) implements SpansetExpr {
        public Filter {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** {@code left op right}. */
    record Binary(SpansetOp op, SpansetExpr left, SpansetExpr right) implements SpansetExpr {
        public Binary {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** How two spansets combine. */
    enum SpansetOp {
        /** {@code &&}: both non-empty; the union. */
        AND("&&"),
        /** {@code ||}: the union. */
        OR("||"),
        /** {@code >}: the right side's spans whose parent is on the left. */
        CHILD(">"),
        /** {@code >>}: the right side's spans with an ancestor on the left. */
        DESCENDANT(">>");

        final String symbol;

        SpansetOp(String symbol) {
            this.symbol = symbol;
        }
    }
}
