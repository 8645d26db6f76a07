package io.sightline.query.traces;

import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * Durations as Go's {@code time.ParseDuration} reads them, which is how Jaeger and Tempo read their
 * {@code minDuration}/{@code maxDuration} parameters: an optional sign, then decimal numbers each
 * with a unit {@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}
 * ({@code 1.2s}, {@code 100ms}, {@code 1h30m}); {@code 0} alone is allowed. Stateless.
 */
public final class GoDuration {
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** The duration in nanoseconds, or empty when {@code text} is not a Go duration or overflows. */
    public static OptionalLong parseNanos(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return OptionalLong.of(0);
        }
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        BigDecimal total = BigDecimal.ZERO;
        int pos = 0;
        while (pos < s.length()) {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            String number = s.substring(start, pos);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                return OptionalLong.empty();
            }
            int unitStart = pos;
            while (pos < s.length() && !Character.isDigit(s.charAt(pos)) && s.charAt(pos) != '.') {
                pos++;
            }
            long unit = switch (s.substring(unitStart, pos)) {
                case "ns" -> 1L;
                case "us", "\u00b5s", "\u03bcs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> -1L;
            };
            if (unit < 0) {
                return OptionalLong.empty();
            }
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number).multiply(BigDecimal.valueOf(unit)));
            if (total.compareTo(MAX) > 0) {
                return OptionalLong.empty();
            }
        }
        long nanos = total.longValue();
        return OptionalLong.of(negative ? -nanos : nanos);
    }
}
