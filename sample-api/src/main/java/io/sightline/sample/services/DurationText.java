package io.sightline.sample.services;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them in flags and the fault JSON: {@code 300ms}, {@code 2s},
 * {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 250us}, a bare number of seconds, or ISO-8601
 * ({@code PT0.3S}); and back, in the shortest exact one of these forms. Stateless.
 */
final class DurationText {
    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)?");

    private DurationText() {}

    /** @throws IllegalArgumentException naming {@code field} when {@code text} is not a duration */
    static Duration parse(String field, String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("pt") || v.startsWith("-pt")) {
            try {
                return Duration.parse(v);
            } catch (DateTimeParseException e) {
                throw notADuration(field, text);
            }
        }
        Matcher m = TEXT.matcher(v);
        if (!m.matches()) {
            throw notADuration(field, text);
        }
        double amount = Double.parseDouble(m.group(1));
        long nanosPerUnit = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        double nanos = amount * nanosPerUnit;
        if (nanos > Long.MAX_VALUE) {
            throw new IllegalArgumentException(field + " is too long: " + text);
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** {@code 2s}, {@code 300ms}, {@code 250us} or {@code 17ns}: the largest unit that is exact. */
    static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos % 1_000L == 0) {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }

    private static IllegalArgumentException notADuration(String field, String text) {
        return new IllegalArgumentException(field + " must be a duration like 300ms, 2s or 1m, not '" + text + "'");
    }
}
