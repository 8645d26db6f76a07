package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** {@link RetryAfter}: both RFC 9110 forms, a past date, and values that are neither. */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

    @Test
    void secondsAndDates() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:28:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:00:00 GMT", NOW)).as("past").isEqualTo(Duration.ZERO);
    }

    @Test
    void anythingElseIsNoWait() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse("1.5", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isNull();
    }
}
