package io.sightline.query.promql.parser;

import java.math.BigDecimal;

/** PromQL number literals in, Go's {@code strconv.FormatFloat(f, 'f', -1, 64)} out. */
public final class Numbers {
    private Numbers() {
    }

    /**
     * The value of a number token. As Prometheus (Go's ParseInt with base 0, then ParseFloat):
     * {@code 0x1f} is hex, a leading zero means octal ({@code 010} is 8), {@code Inf}/{@code NaN} in
     * any case.
     */
    static double parse(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (lower.startsWith("0x")) {
            return new BigDecimal(new java.math.BigInteger(text.substring(2), 16)).doubleValue();
        }
        if (text.length() > 1 && text.charAt(0) == '0' && text.chars().allMatch(c -> c >= '0' && c <= '7')) {
            return new BigDecimal(new java.math.BigInteger(text, 8)).doubleValue();
        }
        return Double.parseDouble(text);
    }

    /** Shortest round-tripping decimal without exponent; {@code +Inf}, {@code -Inf}, {@code NaN}. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) == 0 ? "0" : "-0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
