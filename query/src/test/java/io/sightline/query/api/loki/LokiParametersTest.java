package io.sightline.query.api.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.query.api.BadRequestException;
import io.sightline.query.logql.LogqlDirection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loki's parameter forms and error texts, case by case (from Loki's loghttp rules). */
class LokiParametersTest {
    private static final long NOW = LokiApiServer.NOW;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2023-11-14T22:13:20Z                | 1700000000000000000
            2023-11-14T22:13:20.123456789Z      | 1700000000123456789
            2023-11-14T23:13:20.5+01:00         | 1700000000500000000
            1700000000                          | 1700000000000000000
            10000000000                         | 10000000000000000000
            10000000001                         | 10000000001
            1700000000000000000                 | 1700000000000000000
            -5                                  | -5000000000
            1700000000.5                        | 1700000000500000000
            1700000000.1234                     | 1700000000123000000
            1700000000.9996                     | 1700000001000000000
            1.7e9                               | 1700000000000000000
            1700000000000000000.75              | 1700000000000000000
            """)
    void times(String text, String nanos) {
        if (nanos.equals("10000000000000000000")) {
            // 10^10 is still seconds, and 10^19 ns overflows: Go wraps, Sightline refuses.
            assertThatThrownBy(() -> LokiParameters.time(text, 0)).isInstanceOf(BadRequestException.class);
            return;
        }
        assertThat(LokiParameters.time(text, 0)).isEqualTo(Long.parseLong(nanos));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            yesterday             | strconv.ParseInt: parsing "yesterday": invalid syntax
            1e9                   | strconv.ParseInt: parsing "1e9": invalid syntax
            1.2.3                 | strconv.ParseFloat: parsing "1.2.3": invalid syntax
            99999999999999999999  | strconv.ParseInt: parsing "99999999999999999999": value out of range
            2023-11-14T22:13Z     | strconv.ParseInt: parsing "2023-11-14T22:13Z": invalid syntax
            """)
    void badTimes(String text, String message) {
        assertThatThrownBy(() -> LokiParameters.time(text, 0)).hasMessage(message);
    }

    @Test
    void emptyTimeIsTheDefault() {
        assertThat(LokiParameters.time("", 42)).isEqualTo(42);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            15       | 15000000000
            1.5      | 1500000000
            0.001    | 1000000
            1m30s    | 90000000000
            5m       | 300000000000
            1h       | 3600000000000
            1d       | 86400000000000
            100ms    | 100000000
            0        | 0
            -1       | -1000000000
            """)
    void durations(String text, long nanos) {
        assertThat(LokiParameters.secondsOrDuration(text)).isEqualTo(nanos);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            x       | cannot parse "x" to a valid duration
            1h1d    | cannot parse "1h1d" to a valid duration
            1e400   | cannot parse "1e400" to a valid duration. It overflows int64
            inf     | cannot parse "inf" to a valid duration. It overflows int64
            """)
    void badDurations(String text, String message) {
        assertThatThrownBy(() -> LokiParameters.secondsOrDuration(text)).hasMessage(message);
    }

    @Test
    void nanStepIsRefusedLaterAsNotPositive() {
        assertThat(LokiParameters.secondsOrDuration("NaN")).isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest(name = "{0}s range -> {1}s step")
    @CsvSource({"3600, 14", "60, 1", "0, 1", "86400, 345", "604800, 2419"})
    void defaultStepIsARangeOver250(long rangeSeconds, long stepSeconds) {
        assertThat(LokiParameters.defaultStepNanos(0, rangeSeconds * 1_000_000_000L))
                .isEqualTo(stepSeconds * 1_000_000_000L);
    }

    @ParameterizedTest(name = "[{index}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''      | 100
            1       | 1
            +7      | 7
            5000    | 5000
            0       | limit must be a positive value
            -3      | limit must be a positive value
            ten     | strconv.Atoi: parsing "ten": invalid syntax
            1.5     | strconv.Atoi: parsing "1.5": invalid syntax
            """)
    void limits(String text, String expected) {
        if (expected.chars().allMatch(Character::isDigit)) {
            assertThat(LokiParameters.limit(text)).isEqualTo(Long.parseLong(expected));
        } else {
            assertThatThrownBy(() -> LokiParameters.limit(text)).hasMessage(expected);
        }
    }

    @Test
    void directions() {
        assertThat(LokiParameters.direction("")).isEqualTo(LogqlDirection.BACKWARD);
        assertThat(LokiParameters.direction("forward")).isEqualTo(LogqlDirection.FORWARD);
        assertThat(LokiParameters.direction("BACKWARD")).isEqualTo(LogqlDirection.BACKWARD);
        assertThatThrownBy(() -> LokiParameters.direction("sideways")).hasMessage("invalid direction 'sideways'");
    }

    @ParameterizedTest(name = "[{index}] {1}, {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                  | -3600 | 0
            since=5m                            | -300  | 0
            end=1699999000                      | -4600 | -1000
            end=1800000000&since=1h             | -3600 | 100000000
            start=1699990000&end=1700000100     | -10000 | 100
            """)
    void bounds(String query, long startOffsetSeconds, long endOffsetSeconds) {
        long[] bounds = LokiParameters.bounds(LokiForm.of(query), NOW);
        assertThat(bounds).containsExactly(NOW + startOffsetSeconds * 1_000_000_000L,
                NOW + endOffsetSeconds * 1_000_000_000L);
    }

    @Test
    void goQuoting() {
        assertThat(LokiParameters.quote("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\n\"");
    }
}
