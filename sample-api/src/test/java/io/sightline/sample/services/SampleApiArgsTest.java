package io.sightline.sample.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SampleApiArgsTest {

    @Test
    void noFlagsGiveTheDefaults() {
        SampleApiArgs.Parsed parsed = SampleApiArgs.parse(List.of());
        assertThat(parsed.help()).isFalse();
        assertThat(parsed.config()).isEqualTo(SampleServicesConfig.defaults("http://127.0.0.1:4318"));
        assertThat(parsed.config().frontendPort()).isEqualTo(8081);
        assertThat(parsed.config().ordersPort()).isEqualTo(8082);
        assertThat(parsed.config().inventoryPort()).isEqualTo(8083);
        assertThat(parsed.config().exportInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(parsed.config().faultsOf("inventory")).isEqualTo(FaultSettings.none());
    }

    @Test
    void everyFlagIsRead() {
        SampleServicesConfig config = SampleApiArgs.parse(List.of(
                "--otlp-endpoint", "http://collector:4318", "--bind=0.0.0.0",
                "--frontend-port", "9001", "--orders-port=9002", "--inventory-port", "0",
                "--export-interval", "1s",
                "--fault", "inventory.error-rate=0.2", "--fault", "inventory.latency=300ms",
                "--fault=orders.dependency-latency=2s", "--fault", "frontend.dependency-error-rate=1")).config();
        assertThat(config.otlpEndpoint()).isEqualTo("http://collector:4318");
        assertThat(config.bindHost()).isEqualTo("0.0.0.0");
        assertThat(config.frontendPort()).isEqualTo(9001);
        assertThat(config.ordersPort()).isEqualTo(9002);
        assertThat(config.inventoryPort()).isZero();
        assertThat(config.exportInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.faultsOf("inventory")).isEqualTo(new FaultSettings(0.2, Duration.ofMillis(300), Duration.ZERO, 0));
        assertThat(config.faultsOf("orders")).isEqualTo(FaultSettings.none().withDependencyLatency(Duration.ofSeconds(2)));
        assertThat(config.faultsOf("frontend")).isEqualTo(FaultSettings.none().withDependencyErrorRate(1));
    }

    @Test
    void badFlagsNameTheFlag() {
        assertThatThrownBy(() -> SampleApiArgs.parse(List.of("--frontend-port", "eighty")))
                .hasMessageStartingWith("--frontend-port").hasMessageContaining("eighty");
        assertThatThrownBy(() -> SampleApiArgs.parse(List.of("--orders-port", "70000")))
                .hasMessageStartingWith("--orders-port").hasMessageContaining("65535");
        assertThatThrownBy(() -> SampleApiArgs.parse(List.of("--export-interval", "0s")))
                .hasMessageStartingWith("--export-interval").hasMessageContaining("positive");
        assertThatThrownBy(() -> SampleApiArgs.parse(List.of("--otlp-endpoint", "collector:4318")))
                .hasMessageStartingWith("--otlp-endpoint");
        assertThatThrownBy(() -> SampleApiArgs.parse(List.of("--fault", "payments.error-rate=0.1")))
                .hasMessageStartingWith("--fault").hasMessageContaining("payments").hasMessageContaining("frontend, orders, inventory");
        assertThatThrownBy(() -> SampleApiArgs.parse(List.of("--fault", "inventory.errors=0.1")))
                .hasMessageStartingWith("--fault").hasMessageContaining("errors").hasMessageContaining("error-rate");
        assertThatThrownBy(() -> SampleApiArgs.parse(List.of("--fault", "inventory.error-rate=2")))
                .hasMessageStartingWith("--fault").hasMessageContaining("errorRate");
        assertThatThrownBy(() -> SampleApiArgs.parse(List.of("--fault", "inventory.latency=fast")))
                .hasMessageStartingWith("--fault").hasMessageContaining("latency");
        assertThatThrownBy(() -> SampleApiArgs.parse(List.of("--fault", "inventory")))
                .hasMessageStartingWith("--fault").hasMessageContaining("SERVICE.FIELD=VALUE");
        assertThatThrownBy(() -> SampleApiArgs.parse(List.of("--colour", "red"))).hasMessageStartingWith("--colour");
        assertThatThrownBy(() -> SampleApiArgs.parse(List.of("--bind"))).hasMessageStartingWith("--bind");
        assertThatThrownBy(() -> SampleApiArgs.parse(List.of("frontend"))).hasMessageContaining("'frontend'");
    }

    @Test
    void runExitsTwoOnABadFlagAndZeroOnHelp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SampleApiMain.run(List.of("--inventory-port", "-1"), print(out), print(err));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--inventory-port");
        assertThat(out.size()).isZero();

        status = SampleApiMain.run(List.of("--help"), print(out), print(err));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--otlp-endpoint", "--fault SERVICE.FIELD=V", "/admin/faults");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
