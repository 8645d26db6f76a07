package io.sightline.query.api.loki;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.sightline.query.api.BadRequestException;
import io.sightline.query.logql.LogqlDirection;

/**
 * Request parameters parsed as Loki's {@code loghttp} package parses them, with its error texts
 * (Go's {@code strconv} and {@code model.ParseDuration} messages, which Loki passes through). All
 * times are Unix epoch nanoseconds.
 *
 * <p>Times: RFC 3339 with optional fraction first; then, for a value with a {@code .}, a float whose
 * integer part is seconds (fraction rounded to milliseconds) when at most 10<sup>10</sup> and
 * nanoseconds otherwise (fraction dropped); else an integer, seconds when at most 10<sup>10</sup> and
 * nanoseconds above. So {@code 1700000000} is seconds and {@code 1700000000000000000} nanoseconds.
 */
final class LokiParameters {
    /** Loki's {@code defaultSince}: the range of a request without start. */
    static final long DEFAULT_SINCE_NANOS = 3_600_000_000_000L;
    static final int DEFAULT_LIMIT = 100;
    private static final long SECONDS_BOUND = 10_000_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final DateTimeFormatter RFC3339 = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    /** What Go's {@code strconv.ParseFloat} takes (decimal forms; Java's own parser takes "1d" too). */
    private static final Pattern FLOAT = Pattern.compile(
            "^[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:inf|infinity|nan))$");
    private static final Pattern INTEGER = Pattern.compile("^[+-]?\\d+$");
    private static final Pattern DURATION = Pattern.compile(
            "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final long[] DURATION_UNITS_MS = {
        365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600_000L, 60_000L, 1000L, 1L};

    private LokiParameters() {
    }

    /** A time parameter, or {@code defaultNanos} when empty; errors are Go's {@code strconv} texts. */
    static long time(String value, long defaultNanos) {
        if (value.isEmpty()) {
            return defaultNanos;
        }
        try {
            Instant instant = OffsetDateTime.parse(value, RFC3339).toInstant();
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (DateTimeException | ArithmeticException notRfc3339) {
            // the numeric forms follow
        }
        if (value.contains(".")) {
            return floatTime(value);
        }
        if (!INTEGER.matches(value)) {
            throw new BadRequestException("strconv.ParseInt: parsing " + quote(value) + ": invalid syntax");
        }
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("strconv.ParseInt: parsing " + quote(value) + ": value out of range");
        }
        return number <= SECONDS_BOUND ? secondsToNanos(number, value) : number;
    }

    private static long floatTime(String value) {
        if (!FLOAT.matches(value)) {
            throw new BadRequestException("strconv.ParseFloat: parsing " + quote(value) + ": invalid syntax");
        }
        double t = Double.parseDouble(value);
        if (Double.isNaN(t) || Double.isInfinite(t)) {
            throw new BadRequestException("floating point timestamp is NaN or Inf");
        }
        double high = t < 0 ? Math.ceil(t) : Math.floor(t);
        if (high > Long.MAX_VALUE || high < Long.MIN_VALUE) {
            throw new BadRequestException("floating point timestamp exceeds integer range");
        }
        if (high > SECONDS_BOUND) {
            return (long) high;
        }
        double fraction = Math.round((t - high) * 1000) / 1000.0;
        long nanos = secondsToNanos((long) high, value);
        return nanos + (long) (fraction * NANOS_PER_SECOND);
    }

    private static long secondsToNanos(long seconds, String value) {
        try {
            return Math.multiplyExact(seconds, NANOS_PER_SECOND);
        } catch (ArithmeticException e) {
            throw new BadRequestException("timestamp " + quote(value) + " is out of range");
        }
    }

    /** The {@code [start, end]} of a range request (Loki's {@code bounds}), given "now". */
    static long[] bounds(LokiForm form, long nowNanos) {
        long since = DEFAULT_SINCE_NANOS;
        String sinceText = form.first("since");
        if (!sinceText.isEmpty()) {
            try {
                since = Math.multiplyExact(prometheusDurationMillis(sinceText), 1_000_000L);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new BadRequestException("could not parse 'since' parameter: not a valid duration string: "
                        + quote(sinceText));
            }
        }
        long end;
        try {
            end = time(form.first("end"), nowNanos);
        } catch (BadRequestException e) {
            throw new BadRequestException("could not parse 'end' parameter: " + e.getMessage());
        }
        // A default start counts back from end, or from now when end is in the future.
        long endOrNow = Math.min(end, nowNanos);
        long start;
        try {
            start = time(form.first("start"), endOrNow - since);
        } catch (BadRequestException e) {
            throw new BadRequestException("could not parse 'start' parameter: " + e.getMessage());
        }
        return new long[] {start, end};
    }

    /** {@code limit}: default 100, Go's {@code strconv.Atoi} errors, positive. */
    static long limit(String value) {
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        long limit = atoi(value);
        if (limit <= 0) {
            throw new BadRequestException("limit must be a positive value");
        }
        return limit;
    }

    /** An integer as Go's {@code strconv.Atoi} reads it, with its error texts. */
    static long atoi(String value) {
        if (!INTEGER.matches(value)) {
            throw new BadRequestException("strconv.Atoi: parsing " + quote(value) + ": invalid syntax");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("strconv.Atoi: parsing " + quote(value) + ": value out of range");
        }
    }

    /** {@code direction}: {@code forward} or {@code backward} in any case; backward when empty. */
    static LogqlDirection direction(String value) {
        if (value.isEmpty()) {
            return LogqlDirection.BACKWARD;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "FORWARD" -> LogqlDirection.FORWARD;
            case "BACKWARD" -> LogqlDirection.BACKWARD;
            default -> throw new BadRequestException("invalid direction '" + value + "'");
        };
    }

    /**
     * {@code step} and {@code interval}: float seconds or a Prometheus duration, in nanoseconds
     * (Loki's {@code parseSecondsOrDuration}). NaN seconds give {@link Long#MIN_VALUE}, as Go's
     * conversion does on amd64, which the step check then refuses.
     */
    static long secondsOrDuration(String value) {
        if (FLOAT.matches(value)) {
            String lower = value.toLowerCase(Locale.ROOT);
            double seconds = lower.endsWith("nan") ? Double.NaN
                    : lower.endsWith("inf") || lower.endsWith("infinity")
                    ? (lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                    : Double.parseDouble(value);
            double nanos = seconds * NANOS_PER_SECOND;
            if (nanos > Long.MAX_VALUE || nanos < Long.MIN_VALUE) {
                throw new BadRequestException("cannot parse " + quote(value) + " to a valid duration. It overflows int64");
            }
            return Double.isNaN(nanos) ? Long.MIN_VALUE : (long) nanos;
        }
        try {
            return Math.multiplyExact(prometheusDurationMillis(value), 1_000_000L);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new BadRequestException("cannot parse " + quote(value) + " to a valid duration");
        }
    }

    /** Loki's default step for a range: a 250th of it in whole seconds, at least 1 s. */
    static long defaultStepNanos(long startNanos, long endNanos) {
        double seconds = (endNanos - startNanos) / 1e9;
        return (long) Math.max(Math.floor(seconds / 250), 1) * NANOS_PER_SECOND;
    }

    /**
     * A Prometheus duration ({@code 1h30m}, {@code 0}) in milliseconds.
     *
     * @throws IllegalArgumentException when it is not one
     */
    static long prometheusDurationMillis(String value) {
        if (value.equals("0")) {
            return 0;
        }
        Matcher m = DURATION.matcher(value);
        if (value.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: " + quote(value));
        }
        long total = 0;
        for (int i = 0; i < DURATION_UNITS_MS.length; i++) {
            String group = m.group(i + 1);
            if (group != null) {
                total = Math.addExact(total, Math.multiplyExact(Long.parseLong(group), DURATION_UNITS_MS[i]));
            }
        }
        return total;
    }

    /** Go's {@code %q} for the plain strings parameters usually are. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
