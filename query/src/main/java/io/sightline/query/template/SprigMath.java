package io.sightline.query.template;

import static io.sightline.query.template.ArgType.ANY;
import static io.sightline.query.template.ArgType.FLOAT64;
import static io.sightline.query.template.ArgType.INT;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The Sprig arithmetic Loki's {@code line_format} exposes ({@code int float64 add sub mul div mod
 * addf subf mulf divf max min maxf minf ceil floor round}), with Sprig's lenient conversions
 * (Spf13's {@code cast}: a string that is not a number is 0, a float becomes an int by truncation) and
 * its decimal arithmetic for the {@code *f} functions ({@code addf 0.1 0.2} is exactly 0.3;
 * division keeps 16 decimals).
 */
final class SprigMath {
    /** Decimal places of {@code divf}, shopspring/decimal's {@code DivisionPrecision}. */
    private static final int DIVISION_PRECISION = 16;

    private SprigMath() {
    }

    static List<TemplateFunction> all() {
        return List.of(
                TemplateFunction.of("int", a -> toInt64(a.get(0)), ANY),
                TemplateFunction.of("float64", a -> toFloat64(a.get(0)), ANY),
                TemplateFunction.variadic("add", a -> a.stream().mapToLong(SprigMath::toInt64).sum(), ANY),
                TemplateFunction.of("sub", a -> toInt64(a.get(0)) - toInt64(a.get(1)), ANY, ANY),
                TemplateFunction.variadic("mul", a -> a.stream().mapToLong(SprigMath::toInt64).reduce(1, (x, y) -> x * y),
                        ANY, ANY),
                TemplateFunction.of("div", a -> integerDivision(a, false), ANY, ANY),
                TemplateFunction.of("mod", a -> integerDivision(a, true), ANY, ANY),
                TemplateFunction.variadic("addf", a -> decimal(BigDecimal.ZERO, a, 0), ANY),
                TemplateFunction.variadic("subf", a -> decimal(dec(a.get(0)), a.subList(1, a.size()), 1), ANY, ANY),
                TemplateFunction.variadic("mulf", a -> decimal(dec(a.get(0)), a.subList(1, a.size()), 2), ANY, ANY),
                TemplateFunction.variadic("divf", a -> decimal(dec(a.get(0)), a.subList(1, a.size()), 3), ANY, ANY),
                TemplateFunction.variadic("max", a -> a.stream().mapToLong(SprigMath::toInt64).max().orElseThrow(),
                        ANY, ANY),
                TemplateFunction.variadic("min", a -> a.stream().mapToLong(SprigMath::toInt64).min().orElseThrow(),
                        ANY, ANY),
                TemplateFunction.variadic("maxf", a -> a.stream().mapToDouble(SprigMath::toFloat64)
                        .reduce(Double.NEGATIVE_INFINITY, SprigMath::goMax), ANY, ANY),
                TemplateFunction.variadic("minf", a -> a.stream().mapToDouble(SprigMath::toFloat64)
                        .reduce(Double.POSITIVE_INFINITY, SprigMath::goMin), ANY, ANY),
                TemplateFunction.of("ceil", a -> Math.ceil(toFloat64(a.get(0))), ANY),
                TemplateFunction.of("floor", a -> Math.floor(toFloat64(a.get(0))), ANY),
                TemplateFunction.variadic("round", SprigMath::round, ANY, INT, FLOAT64));
    }

    /** Go's {@code math.Max}: NaN wins, then +Inf. */
    private static double goMax(double x, double y) {
        return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
    }

    private static double goMin(double x, double y) {
        return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.min(x, y);
    }

    private static Object integerDivision(List<Object> a, boolean remainder) {
        long x = toInt64(a.get(0));
        long y = toInt64(a.get(1));
        if (y == 0) {
            throw new ArithmeticException("runtime error: integer divide by zero");
        }
        return remainder ? x % y : x / y;
    }

    /** {@code op}: 0 add, 1 subtract, 2 multiply, 3 divide, each argument in turn. */
    private static double decimal(BigDecimal start, List<Object> args, int op) {
        BigDecimal acc = start;
        for (Object arg : args) {
            BigDecimal d = dec(arg);
            acc = switch (op) {
                case 0 -> acc.add(d);
                case 1 -> acc.subtract(d);
                case 2 -> acc.multiply(d);
                default -> {
                    if (d.signum() == 0) {
                        throw new ArithmeticException("decimal division by 0");
                    }
                    yield acc.divide(d, DIVISION_PRECISION, RoundingMode.HALF_UP);
                }
            };
        }
        return acc.doubleValue();
    }

    private static BigDecimal dec(Object v) {
        double d = toFloat64(v);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new ArithmeticException("Cannot create a Decimal from " + GoFloats.shortest(d));
        }
        return new BigDecimal(Double.toString(d));
    }

    /** Sprig's {@code round}: {@code digits} decimals, rounding up from {@code roundOn} (default .5). */
    private static double round(List<Object> a) {
        double roundOn = a.size() > 2 ? (Double) a.get(2) : 0.5;
        double pow = Math.pow(10, (Long) a.get(1));
        double digit = pow * toFloat64(a.get(0));
        double fraction = digit - (digit < 0 ? Math.ceil(digit) : Math.floor(digit));
        double rounded = fraction >= roundOn ? Math.ceil(digit) : Math.floor(digit);
        return rounded / pow;
    }

    /** Spf13 {@code cast.ToInt64}: numbers truncate, numeric strings parse (Go base prefixes), the rest is 0. */
    static long toInt64(Object v) {
        if (GoValues.isInt(v)) {
            return ((Number) v).longValue();
        }
        if (GoValues.isFloat(v)) {
            double d = ((Number) v).doubleValue();
            return Double.isNaN(d) ? Long.MIN_VALUE : (long) d;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            String t = s.matches("[+-]?[0-9]+\\.0*") ? s.substring(0, s.indexOf('.')) : s;
            java.math.BigInteger n = TemplateNumbers.parseInteger(t);
            return n != null && n.bitLength() < 64 ? n.longValue() : 0;
        }
        return 0;
    }

    /** Spf13 {@code cast.ToFloat64}: numbers as they are, strings by {@code ParseFloat}, the rest is 0. */
    static double toFloat64(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            Double d = GoStrconv.parseFloat(s);
            return d == null ? 0 : d;
        }
        return 0;
    }
}
