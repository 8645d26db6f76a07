package io.sightline.query.api.prometheus;

import java.math.BigDecimal;

/**
 * Numbers as the Prometheus HTTP API writes them, so clients that compare strings (Grafana's
 * dedupe, promtool's output, golden files) see the same text: sample values as strings in Go's
 * shortest form ({@code strconv.FormatFloat(v, 'f', -1, 64)}, switching to {@code 'e'} below 1e-6
 * and from 1e21), and timestamps as seconds with exactly three decimals when not whole.
 */
final class PromNumbers {
    private PromNumbers() {
    }

    /** A sample value: {@code "1.5"}, {@code "+Inf"}, {@code "NaN"}, {@code "1e-07"}. */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) == 0 ? "0" : "-0";
        }
        // Since JDK 19 Double.toString gives the shortest digits that round-trip, as Go's -1 precision.
        String text = Double.toString(v);
        double abs = Math.abs(v);
        if (abs >= 1e-3 && abs < 1e7) {
            // Double.toString is plain here ("0.25", "1234.0"): only a ".0" differs from Go's form.
            return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
        }
        BigDecimal shortest = new BigDecimal(text).stripTrailingZeros();
        if (abs >= 1e-6 && abs < 1e21) {
            return shortest.toPlainString();
        }
        return scientific(shortest);
    }

    /** Go's {@code 'e'} format with the shortest mantissa: {@code 1.5e-07}, {@code 1e+21}. */
    private static String scientific(BigDecimal shortest) {
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        StringBuilder out = new StringBuilder();
        if (shortest.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            out.append('0');
        }
        return out.append(magnitude).toString();
    }

    /** A timestamp in Unix milliseconds as JSON number text of seconds: {@code 1435781451.781}. */
    static String timestamp(long millis) {
        StringBuilder out = new StringBuilder(20);
        long t = millis;
        if (t < 0) {
            out.append('-');
            t = -t;
        }
        out.append(t / 1000);
        long fraction = t % 1000;
        if (fraction != 0) {
            out.append('.');
            if (fraction < 100) {
                out.append('0');
            }
            if (fraction < 10) {
                out.append('0');
            }
            out.append(fraction);
        }
        return out.toString();
    }
}
