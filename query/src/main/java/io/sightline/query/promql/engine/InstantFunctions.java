package io.sightline.query.promql.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.DoubleUnaryOperator;

/** Per-value functions of an instant vector: math (as Go's math package computes it) and calendar. */
final class InstantFunctions {
    private static final double LN2 = 0.693147180559945309417232121458176568;

    private InstantFunctions() {
    }

    /** The per-value function of that name, or null when it is not one. */
    static DoubleUnaryOperator math(String name) {
        return switch (name) {
            case "abs" -> Math::abs;
            case "ceil" -> Math::ceil;
            case "floor" -> Math::floor;
            case "exp" -> Math::exp;
            case "sqrt" -> Math::sqrt;
            case "ln" -> Math::log;
            case "log2" -> InstantFunctions::log2;
            case "log10" -> Math::log10;
            case "sgn" -> v -> v < 0 ? -1 : v > 0 ? 1 : v;
            case "deg" -> v -> v * 180 / Math.PI;
            case "rad" -> v -> v * Math.PI / 180;
            case "sin" -> Math::sin;
            case "cos" -> Math::cos;
            case "tan" -> Math::tan;
            case "asin" -> Math::asin;
            case "acos" -> Math::acos;
            case "atan" -> Math::atan;
            case "sinh" -> Math::sinh;
            case "cosh" -> Math::cosh;
            case "tanh" -> Math::tanh;
            case "asinh" -> InstantFunctions::asinh;
            case "acosh" -> v -> v < 1 ? Double.NaN : v == 1 ? 0 : Math.log(v + Math.sqrt(v * v - 1));
            case "atanh" -> InstantFunctions::atanh;
            default -> null;
        };
    }

    /** Go's Log2: exact for powers of two (via the binary exponent), Log(frac)/Ln2 + exp otherwise. */
    static double log2(double x) {
        if (Double.isNaN(x) || x < 0) {
            return Double.NaN;
        }
        if (x == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (Double.isInfinite(x)) {
            return x;
        }
        int adjust = 0;
        if (x < Double.MIN_NORMAL) {
            x *= 0x1p52;
            adjust = -52;
        }
        int e = Math.getExponent(x) + 1 + adjust;
        double frac = Math.scalb(x, -(Math.getExponent(x) + 1));
        if (frac == 0.5) {
            return e - 1;
        }
        return Math.log(frac) * (1 / LN2) + e;
    }

    private static double asinh(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x) || x == 0) {
            return x;
        }
        double a = Math.abs(x);
        double r = Math.log(a + Math.sqrt(a * a + 1));
        return x < 0 ? -r : r;
    }

    private static double atanh(double x) {
        if (x < -1 || x > 1 || Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x == 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (x == -1) {
            return Double.NEGATIVE_INFINITY;
        }
        return 0.5 * Math.log1p(2 * x / (1 - x));
    }

    /** The calendar function of that name, applied to Unix seconds (truncated as Go's int64 conversion). */
    static DoubleUnaryOperator calendar(String name) {
        return switch (name) {
            case "day_of_month" -> v -> utc(v).getDayOfMonth();
            case "day_of_week" -> v -> utc(v).getDayOfWeek().getValue() % 7;
            case "day_of_year" -> v -> utc(v).getDayOfYear();
            case "days_in_month" -> v -> utc(v).toLocalDate().lengthOfMonth();
            case "hour" -> v -> utc(v).getHour();
            case "minute" -> v -> utc(v).getMinute();
            case "month" -> v -> utc(v).getMonthValue();
            case "year" -> v -> utc(v).getYear();
            default -> null;
        };
    }

    private static ZonedDateTime utc(double seconds) {
        // Beyond java.time's range (about ±3e16 s) Go would print wrapped years; such inputs are noise.
        long s = (long) Math.max(-3e16, Math.min(3e16, Double.isNaN(seconds) ? 0 : seconds));
        return Instant.ofEpochSecond(s).atZone(ZoneOffset.UTC);
    }
}
