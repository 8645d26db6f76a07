package io.sightline.ingest.apply;

import java.io.Closeable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.sightline.ingest.Signal;
import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.storage.background.BackgroundThreads;
import io.sightline.storage.wal.WalReader;
import io.sightline.storage.wal.WriteAheadLog;

/**
 * The thread of an applier: on its own low-priority platform thread it reads one signal's WAL in
 * order after the store's durable index and hands each entry to a {@link Store}. When the WAL has
 * nothing new it parks for {@value #IDLE_PARK_MILLIS} ms. A corrupt entry is logged once (later
 * ones at FINE), counted in {@code sightline_ingest_apply_corrupt_entries_total{signal}} and
 * applied as the store's empty value, so the store's durable index moves past it. If the store
 * throws, the same entry is retried every {@value #RETRY_PARK_MILLIS} ms: nothing is skipped.
 *
 * <p>Thread-safety: {@link #start()}, {@link #appliedIndex()}, {@link #healthy()} and
 * {@link #close()} may be called from any thread; the {@link Store} is only called on the tailer's
 * own thread, one entry at a time, and so is the decoder.
 *
 * @param <T> an entry as the store takes it, decoded
 */
final class WalTailer<T> implements Closeable {
    /** Idle wait: bounds how much the applier adds to an item's time-to-search or time-to-query. */
    private static final long IDLE_PARK_MILLIS = 10;
    /** Wait before retrying an entry the store refused (e.g. disk full), so the log is not flooded. */
    private static final long RETRY_PARK_MILLIS = 1_000;
    /** How long {@link #close()} waits for the entry in hand. */
    private static final long CLOSE_WAIT_SECONDS = 30;

    /** Where an applier puts a decoded entry; called on the tailer's thread only. */
    @FunctionalInterface
    interface Store<T> {
        /**
         * Hands a decoded entry to the store under the entry's WAL index. Throwing makes the tailer
         * retry the same entry, so this must be safe to repeat.
         */
        void apply(long index, T decoded);
    }

    private final Signal signal;
    private final WriteAheadLog wal;
    private final LongSupplier durableIndex;
    private final Function<byte[], T> decoder;
    private final T skipped;
    private final Store<T> store;
    private final String storeName;
    private final ApplyMetrics metrics;
    private final Logger log;
    private final Runnable idle;
    private final Thread thread;
    private volatile boolean closing;
    private volatile long appliedIndex;
    private boolean corruptLogged;

    /**
     * Builds the unstarted thread, named after the signal ("logs-applier").
     *
     * @param durableIndex the store's last durable WAL index (-1 before any); reading resumes after it
     * @param decoder decodes a whole entry before any of it is applied; throws
     *        {@link CorruptEntryException} for one that cannot be, which is then skipped
     * @param skipped what a corrupt entry is applied as (an empty batch)
     * @param storeName the store as log messages name it ("log store")
     * @param log the applier's logger, so its records keep their logger name
     */
    WalTailer(Signal signal, WriteAheadLog wal, LongSupplier durableIndex, Function<byte[], T> decoder, T skipped,
            Store<T> store, String storeName, ApplyMetrics metrics, Logger log) {
        this(signal, wal, durableIndex, decoder, skipped, store, storeName, metrics, log, () -> { });
    }

    /**
     * As above, with {@code idle} run on the tailer's thread each time the WAL has nothing new,
     * before parking (time-driven work of the applier, e.g. flushing derived metrics).
     */
    WalTailer(Signal signal, WriteAheadLog wal, LongSupplier durableIndex, Function<byte[], T> decoder, T skipped,
            Store<T> store, String storeName, ApplyMetrics metrics, Logger log, Runnable idle) {
        this.signal = signal;
        this.wal = wal;
        this.durableIndex = durableIndex;
        this.decoder = decoder;
        this.skipped = skipped;
        this.store = store;
        this.storeName = storeName;
        this.metrics = metrics;
        this.log = log;
        this.idle = idle;
        this.appliedIndex = durableIndex.getAsLong();
        this.thread = Thread.ofPlatform().name(signal.walName() + "-applier").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** The index of the last entry handed to the store (-1 before any); it may not be durable yet. */
    long appliedIndex() {
        return appliedIndex;
    }

    /** Whether the thread is running (or was closed on purpose); false once it has died. */
    boolean healthy() {
        return closing || thread.isAlive();
    }

    /** Stops after the entry in hand is applied and waits for the thread to end. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        // Applying is deferrable: the receivers' threads come first (see BackgroundThreads).
        BackgroundThreads.lowerCurrentThreadPriority();
        try (WalReader reader = wal.reader(durableIndex.getAsLong())) {
            while (!closing) {
                if (!reader.next(this::apply)) {
                    idle.run();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_PARK_MILLIS));
                }
            }
        } catch (RuntimeException | Error e) {
            log.log(Level.SEVERE, signal.walName() + " applier stopped at WAL index " + appliedIndex, e);
        }
    }

    private void apply(long index, byte[] entry) {
        T decoded;
        try {
            decoded = decoder.apply(entry);
        } catch (CorruptEntryException e) {
            metrics.corruptEntry(signal);
            log.log(corruptLogged ? Level.FINE : Level.WARNING, "skipping corrupt " + signal.walName()
                    + " WAL entry " + index + (corruptLogged ? "" : " (further ones are logged at FINE)") + ": "
                    + e.getMessage());
            corruptLogged = true;
            decoded = skipped;
        }
        while (true) {
            try {
                store.apply(index, decoded);
                appliedIndex = index;
                return;
            } catch (RuntimeException e) {
                log.log(Level.SEVERE, storeName + " refused " + signal.walName() + " WAL entry " + index
                        + "; retrying", e);
                if (closing) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_PARK_MILLIS));
            }
        }
    }
}
