package io.sightline.query.api.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.query.api.BadRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromParametersTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1764410400 | 1764410400000",
        "1764410400.5 | 1764410400500",
        "1764410400.1234 | 1764410400123",
        "1764410400.1236 | 1764410400124",
        "-1.5 | -1500",
        "2025-11-29T10:00:00Z | 1764410400000",
        "2025-11-29T11:00:00.25+01:00 | 1764410400250",
        "-292273086-05-16T16:47:06Z | -9223309901257974",
        "292277025-08-18T07:12:54.999999999Z | 9223309901257974",
    })
    void parsesTimesAsPrometheus(String text, long millis) {
        assertThat(PromParameters.timeMillis("time", text)).isEqualTo(millis);
    }

    @Test
    void namesTheParameterOfABadTime() {
        assertThatThrownBy(() -> PromParameters.timeMillis("start", "yesterday"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("invalid parameter \"start\": cannot parse \"yesterday\" to a valid timestamp");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "15 | 15000",
        "0.5 | 500",
        "15s | 15000",
        "1h30m | 5400000",
        "1d | 86400000",
        "2w | 1209600000",
        "1y | 31536000000",
        "100ms | 100",
        "1m30s500ms | 90500",
        "0 | 0",
    })
    void parsesDurationsAsPrometheus(String text, long millis) {
        assertThat(PromParameters.durationMillis("step", text)).isEqualTo(millis);
    }

    @Test
    void namesTheParameterOfABadDuration() {
        assertThatThrownBy(() -> PromParameters.durationMillis("step", "1x"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("invalid parameter \"step\": cannot parse \"1x\" to a valid duration");
        assertThatThrownBy(() -> PromParameters.durationMillis("step", "1e300"))
                .hasMessageContaining("It overflows int64");
    }

    @Test
    void optionalTimesDefaultAndNameTheParameterTwiceAsPrometheusDoes() {
        assertThat(PromParameters.timeMillis("start", "", 7)).isEqualTo(7);
        assertThat(PromParameters.timeMillis("start", "1.5", 7)).isEqualTo(1500);
        assertThatThrownBy(() -> PromParameters.timeMillis("start", "x", 7)).hasMessage(
                "invalid parameter \"start\": Invalid time value for 'start': cannot parse \"x\" to a valid timestamp");
    }

    @Test
    void limitsAreNonNegativeIntegers() {
        assertThat(PromParameters.limit("")).isZero();
        assertThat(PromParameters.limit("5")).isEqualTo(5);
        assertThatThrownBy(() -> PromParameters.limit("-1"))
                .hasMessage("invalid parameter \"limit\": limit must be non-negative");
        assertThatThrownBy(() -> PromParameters.limit("99999999999999999999"))
                .hasMessage("invalid parameter \"limit\": strconv.Atoi: parsing \"99999999999999999999\": value out of range");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 0s",
        "300000 | 5m",
        "1296000000 | 2w1d",
        "5400500 | 1h30m500ms",
        "31536000000 | 1y",
    })
    void formatsDurationsAsPrometheus(long millis, String text) {
        assertThat(PromParameters.formatDuration(millis)).isEqualTo(text);
    }
}
