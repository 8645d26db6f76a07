package io.sightline.appliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.Signal;
import io.sightline.storage.wal.WalConfig;
import io.sightline.storage.wal.WriteAheadLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportSettingsTest {
    @TempDir
    Path dir;

    private ApplianceConfig config(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("data-dir", dir.resolve("data").toString());
        return ApplianceConfig.of(all);
    }

    @Test
    void noFileNoExporters() {
        assertThat(ExportSettings.exporters(config(Map.of()))).isEmpty();
    }

    @Test
    void aBadFileStopsStartUpNamingTheOptionTheFileAndTheField() throws Exception {
        Path file = Files.writeString(dir.resolve("x.yml"), "exporters: [{name: a, protocol: loki, endpoint: 'http://l', batch: {size: 1}}]");
        assertThatThrownBy(() -> ExportSettings.exporters(config(Map.of("export.config-file", file.toString()))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("export.config-file: " + file + ": exporter \"a\".batch: unknown field \"size\"");
        assertThatThrownBy(() -> ExportSettings.exporters(config(Map.of("export.config-file", dir.resolve("none.yml").toString()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("export.config-file: cannot read");
    }

    @Test
    void anExporterThatCannotBeBuiltStopsStartUpNamingTheOption() throws Exception {
        Path file = Files.writeString(dir.resolve("x.yml"), "exporters: [{name: a, protocol: otlp_http, endpoint: 'https://c',"
                + " tls: {ca_file: " + dir.resolve("missing-ca.pem") + "}}]");
        Map<Signal, WriteAheadLog> wals = new EnumMap<>(Signal.class);
        try {
            for (Signal signal : Signal.values()) {
                wals.put(signal, WriteAheadLog.open(signal.walName(), WalConfig.defaults(dir.resolve(signal.walName())),
                        InstantSource.fixed(Instant.parse("2026-11-30T00:00:00Z"))));
            }
            assertThatThrownBy(() -> ExportSettings.build(config(Map.of("export.config-file", file.toString())), wals,
                    dir.resolve("export"), 1024, new PrometheusRegistry(), InstantSource.system()))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith("export.config-file: ")
                    .hasMessageContaining("missing-ca.pem");
        } finally {
            wals.values().forEach(WriteAheadLog::close);
        }
    }
}
