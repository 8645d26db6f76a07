package io.sightline.query.template;

import java.util.Locale;

/** Go's {@code strconv.ParseFloat} and {@code ParseInt} text rules, for function arguments given as strings. */
final class GoStrconv {
    private GoStrconv() {
    }

    /** {@code strconv.ParseFloat(s, 64)}: decimal, hex float, {@code Inf}/{@code Infinity}/{@code NaN}; null on a syntax error. */
    static Double parseFloat(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        boolean neg = lower.startsWith("-");
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return lower.equals(unsigned) ? Double.NaN : null;
        }
        if (unsigned.startsWith("0x")) {
            try {
                return unsigned.contains("p") ? Double.parseDouble(lower) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (!unsigned.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?")) {
            return null;
        }
        return Double.parseDouble(lower);
    }

    /** Go's error for a string {@code ParseFloat} refused. */
    static String parseFloatError(String s) {
        return "strconv.ParseFloat: parsing " + io.sightline.query.promql.parser.GoStrings.quote(s) + ": invalid syntax";
    }
}
