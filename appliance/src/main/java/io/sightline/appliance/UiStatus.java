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
    private final java.util.function.Supplier<List<io.sightline.ingest.export.ExporterState>> exporters;

    UiStatus(ApplianceConfig config, Instant started, IngestHealth ingestHealth, StorageInventory storage,
             WalLags walLags, RuntimeFigures runtime,
             java.util.function.Supplier<List<io.sightline.ingest.export.ExporterState>> exporters) {
        this.config = config;
        this.started = started;
        this.ingestHealth = ingestHealth;
        this.storage = storage;
        this.walLags = walLags;
        this.runtime = runtime;
        this.exporters = exporters;
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

    /** One row per exporter and signal: where it sends, how far behind it is, what it sent, its last error. */
    @Override
    public List<ExporterState> exporters() {
        return exporters.get().stream().map(UiStatus::exporter).toList();
    }

    private static ExporterState exporter(io.sightline.ingest.export.ExporterState s) {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("state", s.status());
        figures.put("lag", s.lagEntries() + " entries, " + String.format(java.util.Locale.ROOT, "%.1f", s.lagSeconds()) + " s");
        figures.put("sent", Long.toString(s.sentItems()));
        figures.put("failed", Long.toString(s.failedItems()));
        figures.put("dropped", Long.toString(s.droppedItems()));
        figures.put("retries", Long.toString(s.retries()));
        figures.put("last error", s.lastError().isEmpty() ? "none"
                : s.lastError() + " (" + Instant.ofEpochMilli(s.lastErrorAtMillis()) + ")");
        return new ExporterState(s.exporter() + " (" + s.signal() + ")", s.target(), figures);
    }

    @Override
    public Map<String, String> runtime() {
        return runtime.read();
    }
}
