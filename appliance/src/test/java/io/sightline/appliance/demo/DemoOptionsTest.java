package io.sightline.appliance.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.sightline.appliance.ConfigException;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {
    @Test
    void demoFlagsAreTakenOutAndEveryOtherArgumentGoesToTheAppliance() {
        DemoOptions options = DemoOptions.parse(List.of("--data-dir", "/tmp/d", "--incident", "--frontend-port=0",
                "--http-port", "9090", "--orders-port", "0", "--load-rate", "12.5", "--load-users=3"));
        assertThat(options.serveArgs()).containsExactly("--data-dir", "/tmp/d", "--http-port", "9090");
        assertThat(options.incident()).isTrue();
        assertThat(options.frontendPort()).isZero();
        assertThat(options.ordersPort()).isZero();
        assertThat(options.inventoryPort()).isEqualTo(8083);
        assertThat(options.loadUsers()).isEqualTo(3);
        assertThat(options.loadRate()).isEqualTo(12.5);
    }

    @Test
    void defaults() {
        DemoOptions options = DemoOptions.parse(List.of());
        assertThat(options.serveArgs()).isEmpty();
        assertThat(options.incident()).isFalse();
        assertThat(List.of(options.frontendPort(), options.ordersPort(), options.inventoryPort())).containsExactly(8081, 8082, 8083);
        assertThat(options.loadUsers()).isEqualTo(10);
        assertThat(options.loadRate()).isEqualTo(25);
    }

    @Test
    void theLoadPagesLimitsAreDemoFlags() {
        DemoOptions options = DemoOptions.parse(List.of("--load-page-max-users", "50", "--load-page-max-rate=200",
                "--load-page-max-duration", "600"));
        assertThat(options.serveArgs()).isEmpty();
        assertThat(options.pageLimits()).isEqualTo(new io.sightline.ui.LoadControl.LoadLimits(50,
                io.sightline.ui.LoadControl.LoadLimits.DEFAULTS.maxSpawnRate(), 200, java.time.Duration.ofMinutes(10),
                io.sightline.ui.LoadControl.LoadLimits.DEFAULTS.keptRuns()));
        assertThat(DemoOptions.parse(List.of()).pageLimits()).isEqualTo(io.sightline.ui.LoadControl.LoadLimits.DEFAULTS);
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--load-page-max-users", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--load-page-max-users must be between 1 and 100000");
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--frontend-port", "http")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--frontend-port takes a whole number, got 'http'");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--orders-port", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--orders-port must be between 0 and 65535");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--load-users", "1.5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--load-users takes a whole number");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--load-rate")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--load-rate needs a value");
    }
}
