package io.sightline.appliance;

import static io.sightline.appliance.SettingType.OPTIONAL_PATH;

import java.util.List;

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

    /** The exporters of the file (none when unset); read at start, so a bad file stops start-up naming it. */
    static List<ExporterConfig> exporters(ApplianceConfig config) {
        return OptionFile.read(config, CONFIG_FILE, ExporterConfigReader::read).orElse(List.of());
    }
}
