package io.sightline.appliance;

import static io.sightline.appliance.SettingType.OPTIONAL_PATH;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.Signal;
import io.sightline.ingest.export.ExporterFactory;
import io.sightline.ingest.export.Exporters;
import io.sightline.storage.wal.WriteAheadLog;

import io.sightline.ingest.export.ExporterConfig;
import io.sightline.ingest.export.ExporterConfigReader;

/** The {@code export.*} options: forwarding what Sightline receives to other backends (ingest's exporters). */
final class ExportSettings {
    static final Setting CONFIG_FILE = new Setting("export.config-file", OPTIONAL_PATH, "",
            "YAML file of exporters (OTLP gRPC/HTTP, remote_write, Loki push) each forwarding from its own WAL position; "
                    + "empty = none (see README, Exporters)");

    static final List<Setting> ALL = List.of(CONFIG_FILE);

    private ExportSettings() {
    }

    /**
     * The exporters of the file, built on the WALs (none when the option is unset). A file that does
     * not read, or an exporter that cannot be built (a TLS file missing, a position file damaged),
     * stops start-up naming the option.
     */
    static Exporters build(ApplianceConfig config, Map<Signal, WriteAheadLog> wals, Path positions, int maxLineBytes,
            PrometheusRegistry registry, InstantSource clock) {
        List<ExporterConfig> exporters = exporters(config);
        try {
            return ExporterFactory.build(exporters, wals, positions, maxLineBytes, registry, clock);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new ConfigException(CONFIG_FILE.key() + ": " + e.getMessage());
        }
    }

    /** The exporters of the file (none when unset); read at start, so a bad file stops start-up naming it. */
    static List<ExporterConfig> exporters(ApplianceConfig config) {
        return OptionFile.read(config, CONFIG_FILE, ExporterConfigReader::read).orElse(List.of());
    }
}
