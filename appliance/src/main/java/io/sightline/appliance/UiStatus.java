package io.sightline.appliance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sightline.ui.ApplianceStatus;

/** The appliance's state for the UI's overview and status pages. Thread-safe. */
final class UiStatus implements ApplianceStatus {
    /** Keys whose values are secrets (webhook URLs may carry tokens in their path or user info). */
    private static final List<String> SECRET_WORDS = List.of("password", "token", "secret", "key", "auth", "url");

    private final ApplianceConfig config;
    private final Instant started;
    private final IngestHealth ingestHealth;

    UiStatus(ApplianceConfig config, Instant started, IngestHealth ingestHealth) {
        this.config = config;
        this.started = started;
        this.ingestHealth = ingestHealth;
    }

    @Override
    public Map<String, String> configuration() {
        Map<String, String> out = new LinkedHashMap<>();
        config.values().forEach((key, value) -> out.put(key, redacted(key, String.valueOf(value))));
        return out;
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

    // Filled in by the status page's work; empty until then.

    @Override
    public List<StoragePartition> storage() {
        return List.of();
    }

    @Override
    public List<WalConsumer> walConsumers() {
        return List.of();
    }

    @Override
    public List<ExporterState> exporters() {
        return List.of();
    }

    @Override
    public Map<String, String> runtime() {
        return Map.of();
    }

    /** A secret-looking key's value as "&lt;redacted&gt;" unless empty. */
    static String redacted(String key, String value) {
        String lower = key.toLowerCase(Locale.ROOT);
        boolean secret = SECRET_WORDS.stream().anyMatch(lower::contains);
        return secret && !value.isEmpty() && !value.equals("[]") ? "<redacted>" : value;
    }
}
