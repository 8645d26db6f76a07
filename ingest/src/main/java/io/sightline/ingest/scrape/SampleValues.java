package io.sightline.ingest.scrape;

import java.util.Locale;

/** Sample values as Go's {@code strconv.ParseFloat} reads them in decimal (Prometheus's parsers use it). */
final class SampleValues {
    private SampleValues() {
    }

    /** @throws NumberFormatException for anything but a decimal number, {@code ±Inf}/{@code Infinity} or {@code NaN} */
    static double parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String unsigned = lower.startsWith("+") || negative ? lower.substring(1) : lower;
        switch (unsigned) {
            case "inf", "infinity" -> {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        if (unsigned.isEmpty() || !Character.isDigit(unsigned.charAt(0)) && unsigned.charAt(0) != '.') {
            throw new NumberFormatException(text);
        }
        for (int i = 0; i < unsigned.length(); i++) {
            char c = unsigned.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == '+' || c == '-')) {
                throw new NumberFormatException(text);
            }
        }
        return Double.parseDouble(text);
    }
}
