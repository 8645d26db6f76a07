package io.sightline.query.api.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
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
        "0.001 | 0.001",
        "-0.001 | -0.001",
        "0.00099 | 0.00099",
        "0.0123 | 0.0123",
        "0.6666666666666666 | 0.6666666666666666",
        "9999999 | 9999999",
        "9999999.999999998 | 9999999.999999998",
        "10000000 | 10000000",
        "1234567.5 | 1234567.5",
        "-250.0 | -250",
        "12345678.5 | 12345678.5",
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

    /** The plain-range shortcut against the general path (shortest digits, trailing zeros dropped). */
    @Test
    void plainShortcutAgreesWithDecimalForm() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("PromNumbersTest seed: -Dtests.seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++) {
            double v = switch (i % 3) {
                case 0 -> random.nextDouble(1e-3, 1e7);
                case 1 -> Math.floor(random.nextDouble(1e-3, 1e7));
                default -> Math.round(random.nextDouble(1e-3, 1e7) * 1000) / 1000.0;
            };
            double signed = random.nextBoolean() ? v : -v;
            String expected = new BigDecimal(Double.toString(signed)).stripTrailingZeros().toPlainString();
            assertThat(PromNumbers.value(signed)).as("value %s", signed).isEqualTo(expected);
        }
    }
}
