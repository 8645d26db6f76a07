package io.sightline.query.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Times in query parameters, as the Prometheus HTTP API takes them: RFC 3339
 * ({@code 2026-11-29T10:00:00.5Z}) or Unix seconds with an optional fraction ({@code 1764410400.5}).
 */
public final class ApiTimes {
    private ApiTimes() {
    }

    /** Parses {@code value} of parameter {@code name} into Unix epoch nanoseconds. */
    public static long parseNanos(String name, String value) {
        String text = value.trim();
        try {
            BigDecimal seconds = new BigDecimal(text);
            return seconds.movePointRight(9).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        } catch (NumberFormatException | ArithmeticException notSeconds) {
            try {
                Instant instant = OffsetDateTime.parse(text).toInstant();
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new BadRequestException("invalid parameter \"" + name + "\": cannot parse \"" + value
                        + "\" to a valid timestamp (use RFC 3339 or Unix seconds)");
            }
        }
    }

    /** Formats Unix epoch nanoseconds as RFC 3339 with nanoseconds, UTC. */
    public static String formatNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }
}
