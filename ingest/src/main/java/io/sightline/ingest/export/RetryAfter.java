package io.sightline.ingest.export;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds ({@code 120}) or an
 * HTTP-date ({@code Wed, 21 Oct 2026 07:28:00 GMT}), the latter relative to the caller's clock.
 */
final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * The wait {@code value} asks for: zero for a date already past, null when the header is absent
     * or neither form (the exporter then uses its own backoff).
     */
    static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return null; // more digits than a long: nonsense, not a wait
            }
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
