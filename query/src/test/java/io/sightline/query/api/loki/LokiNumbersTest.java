package io.sightline.query.api.loki;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's {@code FormatFloat(v, 'f', -1, 64)} and Prometheus's {@code model.Time} text, as Loki writes them. */
class LokiNumbersTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1, 1", "0.5, 0.5", "1e-7, 0.0000001", "1e21, 1000000000000000000000", "-2.25, -2.25",
        "1267.1266666666666, 1267.1266666666666", "0.1, 0.1", "123456789.125, 123456789.125"})
    void values(double value, String text) {
        assertThat(LokiNumbers.value(value)).isEqualTo(text);
    }

    @Test
    void specialValues() {
        assertThat(LokiNumbers.value(Double.NaN)).isEqualTo("NaN");
        assertThat(LokiNumbers.value(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(LokiNumbers.value(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(LokiNumbers.value(0.0)).isEqualTo("0");
        assertThat(LokiNumbers.value(-0.0)).isEqualTo("-0");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1700000000000000000, 1700000000", "1700000000250000000, 1700000000.25",
        "1700000000001999999, 1700000000.001", "-1500000000, -1.5"})
    void sampleTimes(long nanos, String text) {
        assertThat(LokiNumbers.sampleTime(nanos)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1489000, 0.001489", "0, 0", "400, 0", "2000000000, 2", "62000, 0.000062"})
    void seconds(long nanos, String text) {
        assertThat(LokiNumbers.seconds(nanos)).isEqualTo(text);
    }
}
