package io.sightline.query.api.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings are what Go's strconv.FormatFloat and Prometheus's MarshalTimestamp print. */
class PromNumbersTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 0",
        "-0.0 | -0",
        "1 | 1",
        "1.5 | 1.5",
        "-2.25 | -2.25",
        "100 | 100",
        "0.1 | 0.1",
        "0.000001 | 0.000001",
        "0.0000001 | 1e-07",
        "0.00000015 | 1.5e-07",
        "123456789012345678 | 123456789012345680",
        "1e20 | 100000000000000000000",
        "1e21 | 1e+21",
        "1.25e300 | 1.25e+300",
        "-3e-300 | -3e-300",
        "0.30000000000000004 | 0.30000000000000004",
        "Infinity | +Inf",
        "-Infinity | -Inf",
        "NaN | NaN",
    })
    void formatsValuesAsGo(double value, String expected) {
        assertThat(PromNumbers.value(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 0",
        "1000 | 1",
        "1500 | 1.500",
        "1435781451781 | 1435781451.781",
        "1005 | 1.005",
        "1050 | 1.050",
        "-1500 | -1.500",
    })
    void formatsTimestampsAsPrometheus(long millis, String expected) {
        assertThat(PromNumbers.timestamp(millis)).isEqualTo(expected);
    }
}
