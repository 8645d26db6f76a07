package io.sightline.query.rules;

import java.math.BigDecimal;

/**
 * Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}: the shortest digits that read back as {@code v},
 * in exponent form with at least two exponent digits ({@code 1e+00}, {@code 1.5e-07}). The rules API
 * writes alert values this way; promtool's unit tests print samples with {@code 'E'}. Stateless.
 */
public final class GoFloatFormat {
    private GoFloatFormat() {
    }

    /** @param e {@code 'e'} or {@code 'E'} */
    public static String exponent(double v, char e) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        String sign = v < 0 || (v == 0 && 1 / v < 0) ? "-" : "";
        if (v == 0) {
            return sign + "0" + e + "+00";
        }
        // Double.toString gives the shortest round-tripping digits (JDK 19+), as Go's -1 precision does.
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale();
        StringBuilder out = new StringBuilder(sign).append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append(e).append(exp < 0 ? '-' : '+');
        int abs = Math.abs(exp);
        if (abs < 10) {
            out.append('0');
        }
        return out.append(abs).toString();
    }
}
