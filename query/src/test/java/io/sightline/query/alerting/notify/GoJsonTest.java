package io.sightline.query.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class GoJsonTest {
    @Test
    void stringsEscapeAsGoEncoderWithHtmlEscaping() {
        StringBuilder out = new StringBuilder();
        GoJson.string(out, "a\"b\\c\n\t<x>&\u0001\u2028é😀\ud800");
        assertThat(out).hasToString("\"a\\\"b\\\\c\\n\\t\\u003cx\\u003e\\u0026\\u0001\\u2028é😀\ufffd\"");
    }

    @Test
    void goTimeDropsTrailingZerosOfTheFraction() {
        long t = Instant.parse("2024-05-06T07:08:09Z").toEpochMilli();
        assertThat(GoJson.goTime(t)).isEqualTo("2024-05-06T07:08:09Z");
        assertThat(GoJson.goTime(t + 500)).isEqualTo("2024-05-06T07:08:09.5Z");
        assertThat(GoJson.goTime(t + 120)).isEqualTo("2024-05-06T07:08:09.12Z");
        assertThat(GoJson.goTime(t + 7)).isEqualTo("2024-05-06T07:08:09.007Z");
    }

    @Test
    void openApiTimeAlwaysHasMilliseconds() {
        long t = Instant.parse("2024-05-06T07:08:09Z").toEpochMilli();
        assertThat(GoJson.openApiTime(t)).isEqualTo("2024-05-06T07:08:09.000Z");
        assertThat(GoJson.openApiTime(t + 50)).isEqualTo("2024-05-06T07:08:09.050Z");
    }
}
