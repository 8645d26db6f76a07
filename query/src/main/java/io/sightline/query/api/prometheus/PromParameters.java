package io.sightline.query.api.prometheus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.sightline.query.api.BadRequestException;

/**
 * Times and durations in request parameters, parsed as the Prometheus HTTP API parses them, with
 * its error messages: times as Unix seconds (fraction rounded to milliseconds) or RFC 3339, plus
 * the two boundary strings client libraries send for "unbounded"; durations as float seconds or a
 * Prometheus duration ({@code 1h30m}).
 */
final class PromParameters {
    /** Prometheus's MinTime and MaxTime, in milliseconds, and the strings clients send for them. */
    static final long MIN_TIME_MS = -9_223_309_901_257_974L;
    static final long MAX_TIME_MS = 9_223_309_901_257_974L;
    private static final String MIN_TIME_TEXT = "-292273086-05-16T16:47:06Z";
    private static final String MAX_TIME_TEXT = "292277025-08-18T07:12:54.999999999Z";

    private static final Pattern DURATION = Pattern.compile(
            "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    /** A float as Go's ParseFloat reads it (Java's own parser would also take "1d" and "1f"). */
    private static final Pattern FLOAT = Pattern.compile(
            "^[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:inf|infinity|nan))$");
    private static final long[] DURATION_UNITS_MS = {
        365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600_000L, 60_000L, 1000L, 1L};

    private PromParameters() {
    }

    /** Parameter {@code name}'s time in Unix milliseconds. */
    static long timeMillis(String name, String value) {
        String text = value.trim();
        try {
            BigDecimal seconds = new BigDecimal(text);
            return seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException notSeconds) {
            // fall through to the other forms
        }
        if (text.equals(MIN_TIME_TEXT)) {
            return MIN_TIME_MS;
        }
        if (text.equals(MAX_TIME_TEXT)) {
            return MAX_TIME_MS;
        }
        try {
            Instant instant = OffsetDateTime.parse(text).toInstant();
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1000L), instant.getNano() / 1_000_000);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid(name, "cannot parse \"" + value + "\" to a valid timestamp");
        }
    }

    /**
     * Parameter {@code name}'s time, or {@code defaultMs} when it is absent or empty; a bad value is
     * reported as Prometheus's {@code parseTimeParam} words it ({@code Invalid time value for 'start': ...}).
     */
    static long timeMillis(String name, String value, long defaultMs) {
        if (value == null || value.isEmpty()) {
            return defaultMs;
        }
        try {
            return timeMillis(name, value);
        } catch (BadRequestException e) {
            throw invalid(name, "Invalid time value for '" + name + "': cannot parse \"" + value
                    + "\" to a valid timestamp");
        }
    }

    /** Parameter {@code name}'s duration in milliseconds. */
    static long durationMillis(String name, String value) {
        try {
            return durationMillis(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    /**
     * A duration in milliseconds.
     *
     * @throws IllegalArgumentException with Prometheus's problem text, e.g. {@code cannot parse "1x" to a valid duration}
     */
    static long durationMillis(String value) {
        String text = value.trim();
        if (FLOAT.matches(text)) {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            double seconds = lower.endsWith("inf") || lower.endsWith("infinity") || lower.endsWith("nan")
                    ? Double.NaN : Double.parseDouble(text);
            double millis = seconds * 1000;
            if (Double.isNaN(millis) || millis > Long.MAX_VALUE / 1_000_000 || millis < Long.MIN_VALUE / 1_000_000) {
                throw new IllegalArgumentException("cannot parse \"" + value + "\" to a valid duration. It overflows int64");
            }
            return Math.round(millis);
        }
        Matcher m = DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("cannot parse \"" + value + "\" to a valid duration");
        }
        long total = 0;
        try {
            for (int i = 0; i < DURATION_UNITS_MS.length; i++) {
                String group = m.group(i + 1);
                if (group != null) {
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(group), DURATION_UNITS_MS[i]));
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("cannot parse \"" + value + "\" to a valid duration. It overflows int64");
        }
        return total;
    }

    /**
     * A duration as Prometheus prints one ({@code model.Duration.String}): {@code 15d}, {@code 1h30m},
     * {@code 0s}; a year is 365 days.
     */
    static String formatDuration(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long rest = millis;
        if (rest < 0) {
            out.append('-');
            rest = -rest;
        }
        String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            long n = rest / DURATION_UNITS_MS[i];
            if (n > 0) {
                out.append(n).append(units[i]);
                rest -= n * DURATION_UNITS_MS[i];
            }
        }
        return out.toString();
    }

    /**
     * The {@code limit} parameter as Prometheus's {@code parseLimitParam} reads it: 0 (no limit) when
     * absent, else a non-negative integer.
     */
    static long limit(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        long limit;
        try {
            limit = Long.parseLong(value);
        } catch (NumberFormatException e) {
            String unsigned = value.startsWith("+") || value.startsWith("-") ? value.substring(1) : value;
            boolean digits = !unsigned.isEmpty() && unsigned.chars().allMatch(c -> c >= '0' && c <= '9');
            throw invalid("limit", "strconv.Atoi: parsing \"" + value + "\": "
                    + (digits ? "value out of range" : "invalid syntax"));
        }
        if (limit < 0) {
            throw invalid("limit", "limit must be non-negative");
        }
        return limit;
    }

    static BadRequestException invalid(String name, String problem) {
        return new BadRequestException("invalid parameter \"" + name + "\": " + problem);
    }
}
