package io.sightline.ui;

import java.util.List;
import java.util.Map;

/**
 * The appliance's own state as the overview's ingest health and the status page show it, supplied by
 * the appliance (the UI knows no ingest or WAL classes). Implementations are thread-safe and cheap:
 * each page view calls them.
 */
public interface ApplianceStatus {
    /** The effective configuration, key by key, secrets (passwords, tokens, URLs' user info) redacted. */
    Map<String, String> configuration();

    /** Version, commit, Java runtime and start time, as name → value. */
    Map<String, String> buildInfo();

    /** Ingest per signal (metrics, logs, traces), in that order. */
    List<SignalHealth> ingest();

    /** The stores' partitions (TSDB blocks and head, log and trace partitions) with their sizes. */
    List<StoragePartition> storage();

    /** Every WAL consumer (appliers, later exporters) with its lag. */
    List<WalConsumer> walConsumers();

    /** Exporters and their figures; empty while none is configured. */
    List<ExporterState> exporters();

    /** JVM and process figures (heap, threads, uptime, CPU, GC), as name → formatted value. */
    Map<String, String> runtime();

    /**
     * @param signal        "metrics", "logs" or "traces"
     * @param itemsPerSecond samples, records or spans accepted per second, over the last minute
     * @param walLagEntries entries written to the signal's WAL that its slowest consumer has not applied
     * @param diskBytes     the signal's WAL and store on disk
     */
    record SignalHealth(String signal, double itemsPerSecond, long walLagEntries, long diskBytes) {
    }

    /**
     * @param signal "metrics", "logs" or "traces"
     * @param name   e.g. a block's time range, "head", a day's partition
     * @param bytes  on disk (0 for the in-memory head)
     * @param items  series, records or spans, -1 when unknown
     */
    record StoragePartition(String signal, String name, long bytes, long items) {
    }

    /** @param lagSeconds age of the oldest entry not yet applied, 0 when caught up, -1 when unknown */
    record WalConsumer(String signal, String name, long lagEntries, double lagSeconds) {
    }

    /** @param figures sent, failed, retried, dropped, lag, ... as name → formatted value */
    record ExporterState(String name, String target, Map<String, String> figures) {
    }
}
