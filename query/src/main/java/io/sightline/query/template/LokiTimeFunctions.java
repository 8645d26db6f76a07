package io.sightline.query.template;

import static io.sightline.query.template.ArgType.ANY;
import static io.sightline.query.template.ArgType.STRING;
import static io.sightline.query.template.ArgType.TIME;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Loki's date functions: Sprig's {@code date toDate now unixEpoch} and Loki's {@code toDateInZone
 * unixEpochMillis unixEpochNanos unixToTime}. Go's {@code Local} zone is UTC here, and {@code now}
 * (also what {@code date} falls back to for a value that is not a time) reads the injected clock.
 */
final class LokiTimeFunctions {
    private LokiTimeFunctions() {
    }

    static List<TemplateFunction> all(InstantSource clock) {
        return List.of(
                TemplateFunction.of("now", a -> GoTime.utc(clock.instant())),
                TemplateFunction.of("date", a -> GoTimeLayout.format(asTime(a.get(1), clock), (String) a.get(0)),
                        STRING, ANY),
                TemplateFunction.of("toDate", a -> parse((String) a.get(0), (String) a.get(1), ZoneOffset.UTC),
                        STRING, STRING),
                TemplateFunction.of("toDateInZone", a -> parse((String) a.get(0), (String) a.get(2),
                        zone((String) a.get(1))), STRING, STRING, STRING),
                TemplateFunction.of("unixEpoch", a -> Long.toString(((GoTime) a.get(0)).instant().getEpochSecond()), TIME),
                TemplateFunction.of("unixEpochMillis", a -> Long.toString(((GoTime) a.get(0)).instant().toEpochMilli()),
                        TIME),
                TemplateFunction.of("unixEpochNanos", a -> Long.toString(((GoTime) a.get(0)).unixNanos()), TIME),
                TemplateFunction.of("unixToTime", a -> unixToTime((String) a.get(0)), STRING));
    }

    /** Sprig's {@code date}: a time, or Unix seconds as an int; anything else is now. */
    private static GoTime asTime(Object v, InstantSource clock) {
        if (v instanceof GoTime t) {
            return t;
        }
        if (GoValues.isInt(v)) {
            return GoTime.utc(Instant.ofEpochSecond(((Number) v).longValue()));
        }
        return GoTime.utc(clock.instant());
    }

    private static GoTime parse(String layout, String value, ZoneId zone) {
        GoTime t = GoTimeLayout.parse(layout, value, zone);
        return t == null ? GoTime.ZERO : t;
    }

    /** Go's {@code time.LoadLocation}; an unknown zone is UTC, as Loki falls back. */
    private static ZoneId zone(String name) {
        if (name.isEmpty() || name.equals("UTC") || name.equals("Local")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** Loki's {@code unixToTime}: the unit from the digit count, days (5), s (10), ms (13), µs (16), ns (19). */
    private static GoTime unixToTime(String epoch) {
        long i;
        try {
            i = Long.parseLong(epoch);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unable to parse time '" + epoch + "': strconv.ParseInt: parsing "
                    + io.sightline.query.promql.parser.GoStrings.quote(epoch) + ": invalid syntax");
        }
        Instant instant = switch (epoch.length()) {
            case 5 -> Instant.ofEpochSecond(i * 86400);
            case 10 -> Instant.ofEpochSecond(i);
            case 13 -> Instant.ofEpochMilli(i);
            case 16 -> Instant.ofEpochSecond(Math.floorDiv(i, 1_000_000L), Math.floorMod(i, 1_000_000L) * 1000);
            case 19 -> Instant.ofEpochSecond(Math.floorDiv(i, 1_000_000_000L), Math.floorMod(i, 1_000_000_000L));
            default -> throw new IllegalArgumentException("unable to parse time '" + epoch + "': %!w(<nil>)");
        };
        return GoTime.utc(instant);
    }
}
