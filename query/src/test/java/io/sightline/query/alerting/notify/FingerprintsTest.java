package io.sightline.query.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.sightline.storage.tsdb.Labels;

/**
 * Fingerprints against values computed independently from prometheus/common's algorithm (FNV-1a 64 over
 * sorted name, 0xFF, value, 0xFF); {@code AlertmanagerIT} also compares them with a real Alertmanager's.
 */
class FingerprintsTest {
    @Test
    void emptySetIsTheOffsetBasis() {
        assertThat(Fingerprints.hex(Fingerprints.of(Labels.EMPTY))).isEqualTo("cbf29ce484222325");
    }

    @Test
    void knownValues() {
        assertThat(Fingerprints.hex(Fingerprints.of(Labels.of("alertname", "HighLatency"))))
                .isEqualTo("73dbeed5635ea4e4");
        assertThat(Fingerprints.hex(Fingerprints.of(Labels.of("job", "api", "alertname", "HighLatency", "instance", "a:1"))))
                .isEqualTo("9f46eb585671818e");
        assertThat(Fingerprints.hex(Fingerprints.of(Labels.of("é", "ü")))).as("UTF-8 bytes").isEqualTo("be8d9a2aebf636ae");
    }

    @Test
    void separatorsKeepNameAndValueApart() {
        assertThat(Fingerprints.of(Labels.of("ab", "c"))).isNotEqualTo(Fingerprints.of(Labels.of("a", "bc")));
    }

    @Test
    void hexIsPaddedToSixteenDigits() {
        assertThat(Fingerprints.hex(0xabcL)).isEqualTo("0000000000000abc");
        assertThat(Fingerprints.hex(-1L)).isEqualTo("ffffffffffffffff");
    }
}
