package io.sightline.appliance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** A port already taken stops start-up with a message naming the option, and frees what was opened. */
class BusyPortIT {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"http-port", "otlp-http-port", "otlp-grpc-port"})
    void aTakenPortIsNamed(String option) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> ports = new java.util.HashMap<>(Map.of("data-dir", dataDir.toString(),
                    "http-port", "0", "otlp-grpc-port", "0", "otlp-http-port", "0"));
            ports.put(option, Integer.toString(taken.getLocalPort()));
            assertThatThrownBy(() -> Appliance.start(ApplianceConfig.of(ports)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("(" + option + ")")
                    .hasMessageContaining(":" + taken.getLocalPort());
        }
        // The data directory's lock was released: another appliance can use it.
        Appliance.start(ApplianceConfig.of(Map.of("data-dir", dataDir.toString(), "http-port", "0",
                "otlp-grpc-port", "0", "otlp-http-port", "0"))).close();
    }
}
