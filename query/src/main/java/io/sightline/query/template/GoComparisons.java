package io.sightline.query.template;

import java.util.List;
import java.util.Map;

import io.sightline.query.promql.parser.GoStrings;

/**
 * Go's template comparison functions: only basic kinds of the same kind compare ({@code int} with
 * {@code int}, {@code float64} with {@code float64}, strings by byte order, bools only for
 * equality), otherwise {@code incompatible types for comparison}; {@code eq} is true when the first
 * argument equals any of the others, and "no value" is unequal to everything rather than an error.
 */
final class GoComparisons {
    private enum Kind { INVALID, BOOL, INT, FLOAT, STRING, OTHER }

    private GoComparisons() {
    }

    private static Object indirect(Object v) {
        return v == null ? GoValues.NO_VALUE : v;
    }

    private static Kind kind(Object v) {
        if (v == GoValues.NO_VALUE) {
            return Kind.INVALID;
        }
        if (v instanceof Boolean) {
            return Kind.BOOL;
        }
        if (GoValues.isInt(v)) {
            return Kind.INT;
        }
        if (GoValues.isFloat(v)) {
            return Kind.FLOAT;
        }
        return v instanceof String ? Kind.STRING : Kind.OTHER;
    }

    static boolean eq(Object arg1, List<Object> others) {
        arg1 = indirect(arg1);
        if (others.isEmpty()) {
            throw new IllegalArgumentException("missing argument for comparison");
        }
        Kind k1 = kind(arg1);
        for (Object other : others) {
            Object arg = indirect(other);
            Kind k2 = kind(arg);
            boolean truth;
            if (k1 != k2) {
                if (k1 != Kind.INVALID && k2 != Kind.INVALID) {
                    throw new IllegalArgumentException("incompatible types for comparison");
                }
                truth = false;
            } else {
                truth = switch (k1) {
                    case BOOL, STRING -> arg1.equals(arg);
                    case INT -> ((Number) arg1).longValue() == ((Number) arg).longValue();
                    case FLOAT -> ((Number) arg1).doubleValue() == ((Number) arg).doubleValue();
                    case INVALID -> true;
                    case OTHER -> {
                        if (arg1 instanceof Map<?, ?> || arg1 instanceof List<?>) {
                            throw new IllegalArgumentException("non-comparable type " + GoFormatter.print(arg1) + ": "
                                    + GoValues.typeName(arg1));
                        }
                        if (!GoValues.typeName(arg1).equals(GoValues.typeName(arg))) {
                            throw new IllegalArgumentException("incompatible types for comparison");
                        }
                        yield arg1.equals(arg);
                    }
                };
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    static boolean lt(Object a, Object b) {
        a = indirect(a);
        b = indirect(b);
        Kind k1 = basicKind(a);
        Kind k2 = basicKind(b);
        if (k1 != k2) {
            throw new IllegalArgumentException("incompatible types for comparison");
        }
        return switch (k1) {
            case INT -> ((Number) a).longValue() < ((Number) b).longValue();
            case FLOAT -> ((Number) a).doubleValue() < ((Number) b).doubleValue();
            case STRING -> compareUtf8((String) a, (String) b) < 0;
            default -> throw new IllegalArgumentException("invalid type for comparison");
        };
    }

    static boolean le(Object a, Object b) {
        return lt(a, b) || eq(a, List.of(b == null ? GoValues.NO_VALUE : b));
    }

    private static Kind basicKind(Object v) {
        Kind k = kind(v);
        if (k == Kind.INVALID || k == Kind.OTHER) {
            throw new IllegalArgumentException("invalid type for comparison");
        }
        return k;
    }

    /** Byte order of the UTF-8 encodings, which is code point order. */
    static int compareUtf8(String a, String b) {
        return GoStrings.compare(a, b);
    }
}
