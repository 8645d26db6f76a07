package io.sightline.query.traces.traceql;

import io.sightline.storage.traces.SpanRecord;

/**
 * Whether one span meets a condition inside braces. A comparison between different types never
 * holds ({@code !=} included), nor does one on a missing attribute, except {@code = nil}; integers
 * and floats compare as numbers; strings order by UTF-16 code units; regexes must match the whole
 * value. Stateless.
 */
final class SpanConditions {
    private static final String SERVICE_NAME = "service.name";

    private SpanConditions() {
    }

    static boolean holds(FieldExpr condition, SpanRecord span) {
        return switch (condition) {
            case FieldExpr.MatchAll m -> true;
            case FieldExpr.And a -> holds(a.left(), span) && holds(a.right(), span);
            case FieldExpr.Or o -> holds(o.left(), span) || holds(o.right(), span);
            case FieldExpr.Comparison c -> compare(c, span);
        };
    }

    /** The value an attribute reference reads from a span, or null when absent. */
    static Object value(Attribute attribute, SpanRecord span) {
        return switch (attribute.kind()) {
            case NAME -> span.name();
            case STATUS -> span.statusCode();
            case KIND -> span.kind();
            case DURATION -> span.durationNanos();
            case SPAN -> span.attributes().get(attribute.key());
            case RESOURCE -> resource(span, attribute.key());
            case ANY -> {
                Object own = span.attributes().get(attribute.key());
                yield own != null ? own : resource(span, attribute.key());
            }
        };
    }

    private static Object resource(SpanRecord span, String key) {
        if (key.equals(SERVICE_NAME)) {
            return span.serviceName().isEmpty() ? span.resource().get(key) : span.serviceName();
        }
        return span.resource().get(key);
    }

    private static boolean compare(FieldExpr.Comparison c, SpanRecord span) {
        Object value = value(c.attribute(), span);
        FieldExpr.CompareOp op = c.op();
        if (c.value() instanceof Literal.NilLit) {
            return (value == null) == (op == FieldExpr.CompareOp.EQ);
        }
        if (value == null) {
            return false;
        }
        return switch (c.value()) {
            case Literal.StringLit s -> value instanceof String v && op.holds(Integer.signum(v.compareTo(s.value())));
            case Literal.RegexLit r -> value instanceof String v
                    && r.pattern().matches(v) == (op == FieldExpr.CompareOp.RE);
            case Literal.IntLit i -> value instanceof Long v ? op.holds(Long.compare(v, i.value()))
                    : number(value, op, i.value());
            case Literal.FloatLit f -> number(value, op, f.value());
            case Literal.BoolLit b -> value instanceof Boolean v && op.holds(v == b.value() ? 0 : 1);
            case Literal.DurationLit d -> value instanceof Long v && op.holds(Long.compare(v, d.nanos()));
            case Literal.StatusLit s -> value instanceof Integer v && op.holds(v == s.code() ? 0 : 1);
            case Literal.KindLit k -> value instanceof Integer v && op.holds(v == k.kind() ? 0 : 1);
            case Literal.NilLit n -> throw new IllegalStateException("handled above");
        };
    }

    /** A comparison of a number attribute with a float literal (or an integer one on a double). */
    private static boolean number(Object value, FieldExpr.CompareOp op, double literal) {
        double v;
        if (value instanceof Long l) {
            v = l;
        } else if (value instanceof Double d) {
            v = d;
        } else {
            return false;
        }
        if (Double.isNaN(v) || Double.isNaN(literal)) {
            return op == FieldExpr.CompareOp.NEQ;
        }
        return op.holds(v < literal ? -1 : v > literal ? 1 : 0);
    }

    static boolean isServiceName(Attribute attribute) {
        return attribute.kind() == Attribute.Kind.RESOURCE && attribute.key().equals(SERVICE_NAME);
    }
}
