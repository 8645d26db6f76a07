package io.sightline.storage.wal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * One signal's write-ahead log: a Chronicle Queue with a single writer thread.
 *
 * <p>Chronicle's appender may be used by one thread only (virtual threads included), so callers on
 * any thread hand entries to {@link #append(byte[])} and one platform thread writes them in order,
 * forcing them to disk per the {@link SyncPolicy} once for a whole batch (group commit). The
 * returned future completes only after that, so a caller acknowledges only what the policy keeps.
 *
 * <p>Consumers (store appliers, exporters) read with {@link #reader(long)} from a position they keep
 * themselves, atomically with their own data, and report it through {@link #registerConsumer}:
 * {@link #deleteObsoleteCycles()} deletes a cycle file only once every consumer has passed it.
 * Thread-safe.
 */
public final class WriteAheadLog implements Closeable {
    private static final Logger LOG = Logger.getLogger(WriteAheadLog.class.getName());
    /** Entries handed over but not yet written; a full queue makes callers wait, bounding memory. */
    private static final int PENDING_CAPACITY = 16_384;
    /** The most entries written before one sync: bounds the latency a large burst adds. */
    private static final int MAX_GROUP = 1_024;

    private final String name;
    private final WalConfig config;
    private final SingleChronicleQueue queue;
    private final WalCycles cycles;
    private final BlockingQueue<PendingAppend> pending = new ArrayBlockingQueue<>(PENDING_CAPACITY);
    private final Map<String, LongSupplier> consumers = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> progress = new ConcurrentHashMap<>();
    private final WalTimeline timeline;
    private final InstantSource clock;
    private final long openedAtMillis;
    private final long lastIndexAtOpen;
    private volatile WalHistory history;
    private final AtomicLong appendedEntries = new AtomicLong();
    private final AtomicLong appendedBytes = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;
    private volatile long lastIndex;

    private WriteAheadLog(String name, WalConfig config, InstantSource clock) {
        this.name = name;
        this.config = config;
        try {
            Files.createDirectories(config.directory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create WAL directory " + config.directory(), e);
        }
        this.queue = SingleChronicleQueueBuilder.single(config.directory().toFile())
                .rollCycle(RollCycles.FAST_HOURLY)
                .syncMode(config.syncPolicy() == SyncPolicy.NONE ? SyncMode.NONE : SyncMode.SYNC)
                .timeProvider(clock::millis)
                .build();
        this.cycles = new WalCycles(queue, config, clock);
        this.lastIndex = readLastIndex();
        this.timeline = new WalTimeline((a, b) -> queue.rollCycle().toCycle(a) == queue.rollCycle().toCycle(b));
        this.clock = clock;
        this.openedAtMillis = clock.millis();
        this.lastIndexAtOpen = lastIndex;
        if (lastIndex >= 0) {
            timeline.record(lastIndex, openedAtMillis, 0);
        }
        this.writer = Thread.ofPlatform().name("wal-writer-" + name).daemon().start(this::writeLoop);
    }

    /** Opens (or creates) the log in {@code config.directory()}. */
    public static WriteAheadLog open(String name, WalConfig config, InstantSource clock) {
        return new WriteAheadLog(name, config, clock);
    }

    public String name() {
        return name;
    }

    /**
     * Appends one entry. The future completes with the entry's index once it is written and, per the
     * sync policy, forced; it fails with {@link WalClosedException} if the log closes first.
     */
    public CompletableFuture<Long> append(byte[] entry) {
        PendingAppend append = new PendingAppend(entry, new CompletableFuture<>());
        if (closing) {
            append.done().completeExceptionally(new WalClosedException(name));
            return append.done();
        }
        try {
            pending.put(append);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            append.done().completeExceptionally(e);
        }
        return append.done();
    }

    /** A reader of the entries after {@code afterIndex} ({@code -1}: from the first entry kept). */
    public WalReader reader(long afterIndex) {
        return new WalReader(queue, afterIndex);
    }

    /** Index of the newest entry written, or -1 when the log is empty. */
    public long lastIndex() {
        return lastIndex;
    }

    /** How many entries are kept after {@code index} (all of them for -1). */
    public long entriesAfter(long index) {
        long last = lastIndex;
        if (last < 0 || index >= last) {
            return 0;
        }
        long first = cycles.firstIndex();
        if (first < 0) {
            return 0;
        }
        long from = Math.max(index + 1, first);
        return Math.max(0, queue.countExcerpts(from, last) + 1);
    }

    /** Entries appended since this log was opened. */
    public long appendedEntries() {
        return appendedEntries.get();
    }

    /** Payload bytes appended since this log was opened. */
    public long appendedBytes() {
        return appendedBytes.get();
    }

    /**
     * Registers a consumer by the index it is durable up to (-1 for none). Cycle files are kept until
     * every registered consumer is past them.
     */
    public void registerConsumer(String consumer, LongSupplier durableIndex) {
        registerConsumer(consumer, durableIndex, durableIndex);
    }

    /**
     * Registers a consumer whose store makes data durable long after applying it (the TSDB keeps
     * hours in memory): cycle files are kept by {@code durableIndex}, while its lag, which drives
     * backpressure, is measured from {@code appliedIndex}.
     */
    public void registerConsumer(String consumer, LongSupplier durableIndex, LongSupplier appliedIndex) {
        consumers.put(consumer, durableIndex);
        progress.put(consumer, appliedIndex);
    }

    /**
     * Registers an exporter by the index it has forwarded up to (-1 for none). Like a consumer it
     * keeps cycle files it has not passed, but its lag is not a store's: it is left out of
     * {@link #consumerLags()}, which drives backpressure, so a target's outage never slows ingest.
     * The exporter bounds its own backlog.
     */
    public void registerExporter(String exporter, LongSupplier forwardedIndex) {
        consumers.put(exporter, forwardedIndex);
    }

    /** Stops keeping cycle files for {@code exporter} (removed from the configuration). */
    public void unregisterExporter(String exporter) {
        consumers.remove(exporter);
    }

    /**
     * The time by which the entry at {@code index} had been written, epoch ms: to within about a
     * second for entries written since the log was opened; for older ones the end of their cycle
     * file's hour or the opening time, whichever is earlier. Never earlier than the truth, so an age
     * computed from it is never overstated. For an index after the last entry: now.
     */
    public long writtenByMillis(long index) {
        long first = cycles.firstIndex();
        if (first >= 0 && index < first) {
            index = first;
        }
        long known = timeline.writtenByMillis(index);
        if (known == Long.MAX_VALUE) {
            return clock.millis();
        }
        if (known >= 0) {
            return known;
        }
        if (index < 0) {
            return openedAtMillis;
        }
        long cycleEnd = (queue.rollCycle().toCycle(index) + 1L) * queue.rollCycle().lengthInMillis();
        return Math.min(cycleEnd, openedAtMillis);
    }

    /**
     * Payload bytes of the entries after {@code index}, estimated to within a write group (and,
     * for entries written before the log was opened, within about a thousand entries, read once).
     */
    public long bytesAfter(long index) {
        long known = timeline.bytesAfter(index);
        if (known >= 0) {
            return known;
        }
        long sinceOpen = appendedBytes.get();
        WalHistory before = history;
        if (before == null) {
            synchronized (this) {
                if (history == null) {
                    history = WalHistory.read(queue, lastIndexAtOpen);
                }
                before = history;
            }
        }
        return sinceOpen + before.bytesAfter(index);
    }

    /** Entries each consumer has yet to apply. */
    public Map<String, Long> consumerLags() {
        Map<String, Long> lags = new java.util.TreeMap<>();
        progress.forEach((consumer, position) -> lags.put(consumer, entriesAfter(position.getAsLong())));
        return lags;
    }

    /** Bytes of the log's files on disk. */
    public long sizeBytes() {
        return cycles.sizeBytes();
    }

    /**
     * Deletes cycle files no longer needed: with consumers, those every consumer has passed; without,
     * those past the retention age or beyond the size bound. Never the newest cycle. Idempotent.
     *
     * @return how many files were deleted
     */
    public int deleteObsoleteCycles() {
        if (consumers.isEmpty()) {
            return cycles.deleteByRetention();
        }
        long minDurable = Long.MAX_VALUE;
        for (LongSupplier position : consumers.values()) {
            minDurable = Math.min(minDurable, position.getAsLong());
        }
        return cycles.deleteBefore(minDurable);
    }

    @Override
    public void close() {
        closing = true;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.close();
    }

    private long readLastIndex() {
        if (queue.lastCycle() == Integer.MIN_VALUE) {
            return -1;
        }
        long index = queue.lastIndex();
        return index < 0 ? -1 : index;
    }

    private void writeLoop() {
        List<PendingAppend> group = new ArrayList<>(MAX_GROUP);
        long lastSyncNanos = System.nanoTime();
        long syncIntervalNanos = config.syncInterval().toNanos();
        boolean dirty = false;
        try (ExcerptAppender appender = queue.createAppender()) {
            while (true) {
                PendingAppend first;
                try {
                    first = closing ? pending.poll() : pending.poll(syncIntervalNanos, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    first = pending.poll();
                }
                if (first != null) {
                    group.add(first);
                    pending.drainTo(group, MAX_GROUP - 1);
                    write(appender, group);
                    dirty = true;
                }
                boolean syncDue = config.syncPolicy() == SyncPolicy.BATCH
                        || (config.syncPolicy() == SyncPolicy.PERIODIC && System.nanoTime() - lastSyncNanos >= syncIntervalNanos)
                        || (closing && first == null);
                if (dirty && syncDue && config.syncPolicy() != SyncPolicy.NONE) {
                    appender.sync();
                    lastSyncNanos = System.nanoTime();
                    dirty = false;
                }
                for (PendingAppend done : group) {
                    done.done().complete(done.index);
                }
                group.clear();
                if (closing && first == null) {
                    break;
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "WAL writer '" + name + "' failed; further appends are refused", e);
            closing = true;
            for (PendingAppend left : group) {
                left.done().completeExceptionally(e);
            }
        } finally {
            PendingAppend left;
            while ((left = pending.poll()) != null) {
                left.done().completeExceptionally(new WalClosedException(name));
            }
        }
    }

    private void write(ExcerptAppender appender, List<PendingAppend> group) {
        for (PendingAppend append : group) {
            // A positioned write of the array is one bulk memory copy; the streaming writes
            // (writeBytes, write(byte[])) copy eight bytes at a time, which capped a burst near
            // 130k records/s on the writer thread.
            try (DocumentContext document = appender.writingDocument()) {
                Bytes<?> bytes = document.wire().bytes();
                byte[] entry = append.entry();
                bytes.ensureCapacity(bytes.writePosition() + entry.length);
                bytes.write(bytes.writePosition(), entry, 0, entry.length);
                bytes.writeSkip(entry.length);
            }
            append.index = appender.lastIndexAppended();
            appendedBytes.addAndGet(append.entry().length);
        }
        if (lastIndexAtOpen < 0 && appendedEntries.get() == 0) {
            // An empty log's opening point sits just before its first entry, so the first group's
            // bytes can be shared out among its entries (WalTimeline).
            timeline.record(group.getFirst().index - 1, openedAtMillis, 0);
        }
        appendedEntries.addAndGet(group.size());
        lastIndex = group.getLast().index;
        timeline.record(lastIndex, clock.millis(), appendedBytes.get());
    }

    /** An entry waiting for the writer thread. */
    private static final class PendingAppend {
        private final byte[] entry;
        private final CompletableFuture<Long> done;
        private long index;

        PendingAppend(byte[] entry, CompletableFuture<Long> done) {
            this.entry = entry;
            this.done = done;
        }

        byte[] entry() {
            return entry;
        }

        CompletableFuture<Long> done() {
            return done;
        }
    }
}
