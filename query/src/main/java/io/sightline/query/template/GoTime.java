package io.sightline.query.template;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Go's {@code time.Time} in templates: an instant and the zone it is shown in. It prints as Go's
 * {@code Time.String()} ({@code 2015-06-23 13:19:44.128 +0000 UTC}; Go's monotonic-clock suffix
 * {@code m=+0.1} is never written) and answers the methods templates call on times:
 * {@code .Unix}, {@code .UnixMilli}, {@code .UnixNano}, {@code .Format "layout"}, {@code .UTC},
 * {@code .Year}, {@code .YearDay}, {@code .Day}, {@code .Hour}, {@code .Minute}, {@code .Second},
 * {@code .Nanosecond}, {@code .IsZero}, {@code .String}.
 *
 * @param instant the point in time
 * @param zone    the zone it is shown in; Go's {@code Local} is UTC in Sightline
 */
public record GoTime(Instant instant, ZoneId zone) {
    /** Go's zero {@code time.Time}: January 1, year 1, 00:00:00 UTC. */
    public static final GoTime ZERO = new GoTime(Instant.parse("0001-01-01T00:00:00Z"), ZoneOffset.UTC);

    static final String STRING_LAYOUT = "2006-01-02 15:04:05.999999999 -0700 MST";

    public GoTime {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(zone, "zone");
    }

    /** The instant in UTC. */
    public static GoTime utc(Instant instant) {
        return new GoTime(instant, ZoneOffset.UTC);
    }

    ZonedDateTime zoned() {
        return instant.atZone(zone);
    }

    long unixNanos() {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** Go's {@code Time.String()}. */
    @Override
    public String toString() {
        return GoTimeLayout.format(this, STRING_LAYOUT);
    }

    /** The value of the method {@code name} called from a template, or null when there is no such method. */
    Object invoke(String name, List<Object> args) {
        if (name.equals("Format")) {
            return args.size() == 1 && args.get(0) instanceof String layout ? GoTimeLayout.format(this, layout) : null;
        }
        if (!args.isEmpty()) {
            return null;
        }
        ZonedDateTime z = zoned();
        return switch (name) {
            case "Unix" -> instant.getEpochSecond();
            case "UnixMilli" -> instant.toEpochMilli();
            case "UnixNano" -> unixNanos();
            case "UTC" -> utc(instant);
            case "Year" -> (long) z.getYear();
            case "YearDay" -> (long) z.getDayOfYear();
            case "Day" -> (long) z.getDayOfMonth();
            case "Hour" -> (long) z.getHour();
            case "Minute" -> (long) z.getMinute();
            case "Second" -> (long) z.getSecond();
            case "Nanosecond" -> (long) z.getNano();
            case "IsZero" -> instant.equals(ZERO.instant);
            case "String" -> toString();
            default -> null;
        };
    }

    /** Whether {@link #invoke} knows the method, for Go's "can't evaluate field" message otherwise. */
    static boolean hasMethod(String name) {
        return switch (name) {
            case "Format", "Unix", "UnixMilli", "UnixNano", "UTC", "Year", "YearDay", "Day", "Hour", "Minute",
                 "Second", "Nanosecond", "IsZero", "String" -> true;
            default -> false;
        };
    }
}
