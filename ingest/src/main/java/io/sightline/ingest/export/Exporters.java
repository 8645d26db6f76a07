package io.sightline.ingest.export;

import java.io.Closeable;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.Signal;
import io.sightline.storage.wal.WriteAheadLog;

/**
 * The running exporters: per configured exporter one {@link SignalExporter} for each signal it
 * forwards. {@link #apply} starts and stops them to match a configuration (at start, and on a
 * reload): an exporter whose configuration is unchanged keeps running, untouched; a changed one is
 * stopped (its position saved) and started again from that position; a removed one stops and no
 * longer keeps WAL cycle files (its position file stays, so adding it back resumes there).
 * Thread-safe.
 */
public final class Exporters implements Closeable {
    private static final Logger LOG = Logger.getLogger(Exporters.class.getName());

    private final Map<Signal, WriteAheadLog> wals;
    private final Path positions;
    private final int maxLineBytes;
    private final ExportMetrics metrics;
    private final InstantSource clock;
    private final Map<String, Running> running = new LinkedHashMap<>();

    /**
     * No exporter yet; figures register in {@code registry}.
     *
     * @param positions    folder of the position files ({@code <name>/<signal>.position})
     * @param maxLineBytes longest log line sent to Loki (the store's {@code logs.max-line-bytes})
     */
    public Exporters(Map<Signal, WriteAheadLog> wals, Path positions, int maxLineBytes, PrometheusRegistry registry,
            InstantSource clock) {
        this.wals = Map.copyOf(wals);
        this.positions = positions;
        this.maxLineBytes = maxLineBytes;
        this.clock = clock;
        this.metrics = new ExportMetrics(registry, this::states);
    }

    /**
     * Makes the running exporters those of {@code configs}. Every new or changed exporter is built
     * before any is stopped or started, so a configuration that cannot be built changes nothing.
     *
     * @throws IllegalArgumentException, IllegalStateException or UncheckedIOException naming the
     *         exporter that cannot be built (a TLS file, a damaged position file)
     */
    public synchronized Exporters apply(List<ExporterConfig> configs) {
        Map<String, Running> next = new LinkedHashMap<>();
        List<Running> built = new ArrayList<>();
        try {
            for (ExporterConfig config : configs) {
                Running current = running.get(config.name());
                if (current != null && current.config().equals(config)) {
                    next.put(config.name(), current);
                } else {
                    Running fresh = build(config, current);
                    built.add(fresh);
                    next.put(config.name(), fresh);
                }
            }
        } catch (RuntimeException e) {
            built.forEach(Running::discard);
            throw e;
        }
        for (Map.Entry<String, Running> old : running.entrySet()) {
            if (next.get(old.getKey()) != old.getValue()) {
                old.getValue().stop(!next.containsKey(old.getKey()));
                LOG.info("exporter '" + old.getKey() + "' stopped" + (next.containsKey(old.getKey()) ? " to restart with its new configuration" : ""));
            }
        }
        running.clear();
        running.putAll(next);
        for (Running fresh : built) {
            fresh.tailers().forEach(SignalExporter::start);
        }
        return this;
    }

    /** One state per exporter and signal, in configuration order. */
    public synchronized List<ExporterState> states() {
        return running.values().stream().flatMap(r -> r.tailers().stream()).map(SignalExporter::state).toList();
    }

    /** Whether every tailer's thread is running. */
    public synchronized boolean healthy() {
        return running.values().stream().flatMap(r -> r.tailers().stream()).allMatch(SignalExporter::healthy);
    }

    @Override
    public synchronized void close() {
        running.values().forEach(r -> r.stop(false));
        running.clear();
    }

    /**
     * An exporter's tailers, not started. A changed exporter's old tailers are registered on the
     * WALs under the same name: the new ones replace that registration, and the old ones stop later.
     */
    private Running build(ExporterConfig config, Running previous) {
        List<SignalExporter> tailers = new ArrayList<>();
        try {
            for (Signal signal : Signal.values()) {
                if (!config.signals().contains(signal)) {
                    continue;
                }
                WriteAheadLog wal = wals.get(signal);
                ExportTransport transport = ExporterFactory.transport(config, signal, clock);
                try {
                    // A changed exporter resumes where its running tailer is, not where its file was last saved.
                    long start = previous == null ? wal.lastIndex() : previous.positionOf(signal, wal.lastIndex());
                    ExportPosition position = ExportPosition.open(
                            positions.resolve(config.name()).resolve(signal.walName() + ".position"), start);
                    tailers.add(new SignalExporter(config.name(), signal, wal, ExporterFactory.encoder(config, signal, maxLineBytes),
                            transport, position, config.batch(), config.retry(), config.backlog(), metrics, clock,
                            new java.util.Random()));
                } catch (RuntimeException e) {
                    transport.close();
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            tailers.forEach(SignalExporter::discard);
            throw e;
        }
        return new Running(config, tailers);
    }

    private record Running(ExporterConfig config, List<SignalExporter> tailers) {
        long positionOf(Signal signal, long otherwise) {
            return tailers.stream().filter(t -> t.signal() == signal).mapToLong(SignalExporter::savedIndex).findFirst()
                    .orElse(otherwise);
        }

        void stop(boolean removed) {
            tailers.forEach(tailer -> tailer.stop(removed));
        }

        void discard() {
            tailers.forEach(SignalExporter::discard);
        }
    }
}
