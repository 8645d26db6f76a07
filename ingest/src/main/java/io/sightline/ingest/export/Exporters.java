package io.sightline.ingest.export;

import java.io.Closeable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every configured exporter's signal tailers: started together, listed for {@code /metrics} and the
 * status page, closed together. Thread-safe.
 */
public final class Exporters implements Closeable {
    private final List<SignalExporter> tailers = new CopyOnWriteArrayList<>();

    void add(SignalExporter tailer) {
        tailers.add(tailer);
    }

    public Exporters start() {
        tailers.forEach(SignalExporter::start);
        return this;
    }

    /** One state per exporter and signal, in configuration order. */
    public List<ExporterState> states() {
        return tailers.stream().map(SignalExporter::state).toList();
    }

    /** Whether every tailer's thread is running. */
    public boolean healthy() {
        return tailers.stream().allMatch(SignalExporter::healthy);
    }

    public boolean isEmpty() {
        return tailers.isEmpty();
    }

    @Override
    public void close() {
        tailers.forEach(SignalExporter::close);
    }
}
