package io.sightline.query.template;

import io.sightline.query.promql.parser.GoStrings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Number and char literals of a template, read as Go's parser reads them: integers with Go's
 * prefixes ({@code 0x1F}, {@code 0o17}, {@code 017}, {@code 0b101}, underscores between digits),
 * floats ({@code 1.5}, {@code 1e3}, {@code 0x1p-2}), and char constants ({@code 'a'}) as their code
 * point. An integer literal that is also exactly a float, or a float that is exactly an integer, is
 * both, so it fits either kind of parameter, as in Go.
 */
final class TemplateNumbers {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private TemplateNumbers() {
    }

    /** @throws IllegalArgumentException with Go's message ({@code illegal number syntax: "x"}) */
    static TemplateNode.Number parse(int pos, String text, boolean charConstant) {
        if (charConstant) {
            String value;
            try {
                value = GoStrings.unquote(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("malformed character constant: " + text);
            }
            if (value.codePointCount(0, value.length()) != 1) {
                throw new IllegalArgumentException("malformed character constant: " + text);
            }
            int cp = value.codePointAt(0);
            return new TemplateNode.Number(pos, text, true, cp, true, cp);
        }
        BigInteger integer = parseInteger(text);
        if (integer != null) {
            if (integer.bitLength() < 64) {
                long v = integer.longValue();
                return new TemplateNode.Number(pos, text, true, v, true, (double) v);
            }
            if (integer.signum() > 0 && integer.compareTo(UINT64_MAX) <= 0) {
                // Go: an unsigned constant only; as an int it "overflows int".
                return new TemplateNode.Number(pos, text, false, 0, true, integer.doubleValue());
            }
        }
        Double f = parseFloat(text);
        if (f != null) {
            String lower = text.toLowerCase(Locale.ROOT);
            boolean hex = lower.startsWith("0x") || lower.startsWith("-0x") || lower.startsWith("+0x");
            boolean looksFloat = hex ? lower.contains("p") : lower.contains(".") || lower.contains("e");
            if (!looksFloat) {
                throw new IllegalArgumentException("integer overflow: " + GoStrings.quote(text));
            }
            double d = f;
            boolean exactInt = d == Math.rint(d) && Math.abs(d) < 0x1p63;
            return new TemplateNode.Number(pos, text, exactInt, exactInt ? (long) d : 0, true, d);
        }
        throw new IllegalArgumentException("illegal number syntax: " + GoStrings.quote(text));
    }

    /** Go's {@code strconv.ParseInt(text, 0, 64)} without the range check; null when not an integer. */
    static BigInteger parseInteger(String text) {
        String s = text;
        boolean neg = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int radix = 10;
        String lower = s.toLowerCase(Locale.ROOT);
        boolean prefixed = false;
        if (lower.startsWith("0x")) {
            radix = 16;
            prefixed = true;
        } else if (lower.startsWith("0o")) {
            radix = 8;
            prefixed = true;
        } else if (lower.startsWith("0b")) {
            radix = 2;
            prefixed = true;
        } else if (s.length() > 1 && s.charAt(0) == '0') {
            radix = 8;
            s = s.substring(1);
        }
        if (prefixed) {
            s = s.substring(2);
            if (s.startsWith("_")) {
                s = s.substring(1);
            }
        }
        String digits = withoutUnderscores(s);
        if (digits == null || digits.isEmpty()) {
            return null;
        }
        try {
            BigInteger v = new BigInteger(digits, radix);
            return neg ? v.negate() : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Go's {@code strconv.ParseFloat}: decimal or hexadecimal literal syntax; null when not a float. */
    private static Double parseFloat(String text) {
        String s = withoutUnderscores(text);
        if (s == null || s.isEmpty() || s.endsWith("_")) {
            return null;
        }
        try {
            String lower = s.toLowerCase(Locale.ROOT);
            String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
            if (unsigned.startsWith("0x")) {
                if (!unsigned.contains("p")) {
                    return null;
                }
                return Double.parseDouble(lower);
            }
            if (!unsigned.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?")) {
                return null;
            }
            return new BigDecimal(lower.startsWith("+") ? lower.substring(1) : lower).doubleValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The text without underscores, or null when one is not between two digits. */
    private static String withoutUnderscores(String s) {
        if (s.indexOf('_') < 0) {
            return s;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '_' && (i == 0 || i == s.length() - 1
                    || !Character.isLetterOrDigit(s.charAt(i - 1)) || !Character.isLetterOrDigit(s.charAt(i + 1)))) {
                return null;
            }
        }
        return s.replace("_", "");
    }
}
