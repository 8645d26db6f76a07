package io.sightline.appliance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.ui.ApplianceStatus;

/**
 * The appliance's state for the UI's overview and status pages; each figure comes from a small
 * class with that one job ({@link ConfigRedaction}, {@link StorageInventory}, {@link WalLags},
 * {@link RuntimeFigures}). Thread-safe.
 */
final class UiStatus implements ApplianceStatus {
    private final ApplianceConfig config;
    private final Instant started;
    private final IngestHealth ingestHealth;
    private final StorageInventory storage;
    private final WalLags walLags;
    private final RuntimeFigures runtime;

    UiStatus(ApplianceConfig config, Instant started, IngestHealth ingestHealth, StorageInventory storage,
             WalLags walLags, RuntimeFigures runtime) {
        this.config = config;
        this.started = started;
        this.ingestHealth = ingestHealth;
        this.storage = storage;
        this.walLags = walLags;
        this.runtime = runtime;
    }

    @Override
    public Map<String, String> configuration() {
        return ConfigRedaction.shown(config);
    }

    @Override
    public Map<String, String> buildInfo() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("version", Version.current());
        out.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        out.put("started", started.toString());
        return out;
    }

    @Override
    public List<SignalHealth> ingest() {
        return ingestHealth.health();
    }

    @Override
    public List<StoragePartition> storage() {
        return storage.partitions();
    }

    @Override
    public List<WalConsumer> walConsumers() {
        return walLags.consumers();
    }

    /** No exporter exists in this appliance yet: the page says "none configured". */
    @Override
    public List<ExporterState> exporters() {
        return List.of();
    }

    @Override
    public Map<String, String> runtime() {
        return runtime.read();
    }
}
