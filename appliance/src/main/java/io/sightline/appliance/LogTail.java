package io.sightline.appliance;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.sightline.query.api.loki.LogTailSource;
import io.sightline.query.logql.engine.LogqlLinePipeline;
import io.sightline.storage.logs.LogAppender;
import io.sightline.storage.logs.LogRecord;
import io.sightline.storage.logs.LogStreams;

/**
 * The log store as the logs applier sees it, plus live tail: every record appended is handed to the
 * tail subscribers after the store took it, on the applier thread. With no subscriber a record costs
 * one volatile read here; with some, its stream labels and structured metadata are computed once and
 * shared by all of them. Subscribers must return at once (they queue and drop, see
 * {@link LogTailSource}); one that throws is logged and unsubscribed, so a broken tail never stops
 * ingestion.
 */
final class LogTail implements LogAppender, LogTailSource {
    private static final Logger LOG = Logger.getLogger(LogTail.class.getName());

    private final LogAppender store;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    LogTail(LogAppender store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void append(long walIndex, List<LogRecord> records) {
        store.append(walIndex, records);
        if (listeners.isEmpty()) {
            return;
        }
        for (LogRecord record : records) {
            Map<String, String> labels = labelsOf(record);
            TailRecord tail = new TailRecord(record.effectiveTimeNanos(), labels, record.body(),
                    LogqlLinePipeline.structuredMetadata(record));
            for (Listener listener : listeners) {
                try {
                    listener.onRecord(tail);
                } catch (RuntimeException e) {
                    listeners.remove(listener);
                    LOG.log(Level.WARNING, "a log tail subscriber failed and was removed", e);
                }
            }
        }
    }

    @Override
    public long durableWalIndex() {
        return store.durableWalIndex();
    }

    @Override
    public Subscription subscribe(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Live subscribers. */
    int subscribers() {
        return listeners.size();
    }

    private static Map<String, String> labelsOf(LogRecord record) {
        Map<String, String> labels = new java.util.TreeMap<>();
        LogStreams.labels(record).forEach(labels::put);
        return labels;
    }
}
