package io.sightline.query.logql.parser;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.sightline.query.promql.parser.Durations;

/**
 * Durations as Loki's lexer reads them (a Prometheus duration such as {@code 1d12h}, else Go's
 * {@code time.ParseDuration}: {@code 1.5h}, {@code 300ms}, {@code 10µs}, {@code -2m}) and as Go's
 * {@code time.Duration.String()} writes them ({@code 1h0m0s}, {@code 1.5s}, {@code 250ms}).
 * Nanosecond precision, Go's range (about ±292 years).
 */
final class GoDurations {
    private static final long MICRO = 1_000;
    private static final long MILLI = 1_000_000;
    private static final long SECOND = 1_000_000_000;
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", MICRO, "\u00b5s", MICRO, "\u03bcs", MICRO,
            "ms", MILLI, "s", SECOND, "m", 60 * SECOND, "h", 3600 * SECOND);
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDurations() {
    }

    /** The duration a text means, or empty when it is neither a Prometheus nor a Go duration. */
    static Optional<Duration> parse(String text) {
        try {
            return Optional.of(Duration.ofMillis(Durations.parseMillis(text)));
        } catch (IllegalArgumentException e) {
            return parseGo(text).map(Duration::ofNanos);
        }
    }

    /** Go's time.ParseDuration, in nanoseconds. */
    static Optional<Long> parseGo(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Optional.of(0L);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                return Optional.empty();
            }
            int unitStart = i;
            while (i < s.length() && !isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            Long unit = UNITS.get(s.substring(unitStart, i));
            if (unit == null) {
                return Optional.empty();
            }
            BigDecimal value = new BigDecimal(number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number
                    : number);
            total = total.add(value.multiply(BigDecimal.valueOf(unit)));
        }
        total = total.setScale(0, RoundingMode.DOWN);
        if (total.compareTo(MAX) > 0) {
            return Optional.empty();
        }
        return Optional.of(negative ? -total.longValue() : total.longValue());
    }

    /** Go's {@code time.Duration.String()}. */
    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long u = Math.abs(nanos);
        if (u < MICRO) {
            return sign + u + "ns";
        }
        if (u < MILLI) {
            return sign + (u / MICRO) + fraction(u % MICRO, 3) + "\u00b5s";
        }
        if (u < SECOND) {
            return sign + (u / MILLI) + fraction(u % MILLI, 6) + "ms";
        }
        long seconds = u / SECOND;
        String out = (seconds % 60) + fraction(u % SECOND, 9) + "s";
        long minutes = seconds / 60;
        if (minutes > 0) {
            out = (minutes % 60) + "m" + out;
            long hours = minutes / 60;
            if (hours > 0) {
                out = hours + "h" + out;
            }
        }
        return sign + out;
    }

    private static String fraction(long value, int digits) {
        if (value == 0) {
            return "";
        }
        String padded = String.format("%0" + digits + "d", value);
        int end = padded.length();
        while (padded.charAt(end - 1) == '0') {
            end--;
        }
        return "." + padded.substring(0, end);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
