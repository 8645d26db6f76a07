package io.sightline.sample.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FaultSettingsTest {

    @Test
    void noneHasNoFaults() {
        FaultSettings none = FaultSettings.none();
        assertThat(none.errorRate()).isZero();
        assertThat(none.addedLatency()).isZero();
        assertThat(none.dependencyLatency()).isZero();
        assertThat(none.dependencyErrorRate()).isZero();
        assertThat(none.active()).isFalse();
        assertThat(none.withErrorRate(0.5).active()).isTrue();
    }

    @Test
    void ratesMustBeShares() {
        assertThatThrownBy(() -> new FaultSettings(1.5, Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("errorRate").hasMessageContaining("1.5");
        assertThatThrownBy(() -> new FaultSettings(-0.1, Duration.ZERO, Duration.ZERO, 0))
                .hasMessageContaining("errorRate");
        assertThatThrownBy(() -> new FaultSettings(Double.NaN, Duration.ZERO, Duration.ZERO, 0))
                .hasMessageContaining("errorRate");
        assertThatThrownBy(() -> FaultSettings.none().withDependencyErrorRate(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dependencyErrorRate");
        assertThat(FaultSettings.none().withErrorRate(1).withDependencyErrorRate(0).errorRate()).isEqualTo(1.0);
    }

    @Test
    void durationsMustNotBeNegative() {
        assertThatThrownBy(() -> FaultSettings.none().withAddedLatency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addedLatency");
        assertThatThrownBy(() -> FaultSettings.none().withDependencyLatency(Duration.ofSeconds(-2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dependencyLatency");
        assertThatThrownBy(() -> FaultSettings.none().withDependencyLatency(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("dependencyLatency");
    }

    @Test
    void durationsParseAsPeopleWriteThem() {
        assertThat(DurationText.parse("f", "300ms")).isEqualTo(Duration.ofMillis(300));
        assertThat(DurationText.parse("f", "2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(DurationText.parse("f", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("f", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("f", "250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(DurationText.parse("f", "3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(DurationText.parse("f", "PT0.3S")).isEqualTo(Duration.ofMillis(300));
        assertThatThrownBy(() -> DurationText.parse("addedLatency", "soon"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addedLatency").hasMessageContaining("soon");
        assertThat(DurationText.format(Duration.ofMillis(300))).isEqualTo("300ms");
        assertThat(DurationText.format(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(DurationText.format(Duration.ofNanos(1_500))).isEqualTo("1500ns");
    }

    @Test
    void adminJsonReadsAndWritesAllFields() {
        FaultSettings read = FaultSettingsJson.read(
                "{\"errorRate\":0.2,\"addedLatency\":\"300ms\",\"dependencyLatency\":\"0s\",\"dependencyErrorRate\":0}",
                FaultSettings.none());
        assertThat(read).isEqualTo(new FaultSettings(0.2, Duration.ofMillis(300), Duration.ZERO, 0));
        assertThat(FaultSettingsJson.write(read)).isEqualTo(
                "{\"errorRate\":0.2,\"addedLatency\":\"300ms\",\"dependencyLatency\":\"0s\",\"dependencyErrorRate\":0.0}");
        assertThat(FaultSettingsJson.read(FaultSettingsJson.write(read), FaultSettings.none())).isEqualTo(read);
    }

    @Test
    void adminJsonKeepsFieldsItDoesNotName() {
        FaultSettings current = new FaultSettings(0.5, Duration.ofSeconds(1), Duration.ofMillis(20), 0.1);
        assertThat(FaultSettingsJson.read("{\"dependencyLatency\": 2}", current))
                .isEqualTo(current.withDependencyLatency(Duration.ofSeconds(2)));
        assertThat(FaultSettingsJson.read("{}", current)).isEqualTo(current);
    }

    @Test
    void adminJsonNamesTheBadField() {
        assertThatThrownBy(() -> FaultSettingsJson.read("{\"errorRate\":3}", FaultSettings.none()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("errorRate");
        assertThatThrownBy(() -> FaultSettingsJson.read("{\"errorRate\":\"high\"}", FaultSettings.none()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("errorRate");
        assertThatThrownBy(() -> FaultSettingsJson.read("{\"addedLatency\":\"-5ms\"}", FaultSettings.none()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("addedLatency");
        assertThatThrownBy(() -> FaultSettingsJson.read("{\"latency\":\"5ms\"}", FaultSettings.none()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("'latency'").hasMessageContaining("addedLatency");
        assertThatThrownBy(() -> FaultSettingsJson.read("{\"errorRate\":", FaultSettings.none()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("offset");
    }
}
