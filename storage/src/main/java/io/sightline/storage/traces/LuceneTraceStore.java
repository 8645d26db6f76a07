package io.sightline.storage.traces;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.sightline.storage.background.BackgroundThreads;
import io.sightline.storage.lucene.PartitionedDirectory;
import org.apache.lucene.document.Document;

/**
 * The trace store: Lucene indexes partitioned by the UTC day of each span's start, fed by the traces
 * applier and read by the query layer.
 *
 * <p>Writing: {@link #append} encodes each span into its trace's <em>part</em> (the spans of one
 * trace and day since the last write, {@link TracePartBuilder}) in an in-memory buffer and notes it
 * in the day's catalogue. Every {@code refreshInterval} the buffer is swapped for an empty one and
 * written, one document per part, then made searchable; every {@code commitInterval} the same
 * happens and all partitions are committed with the WAL index of the last entry written, which is
 * exactly what the commit holds. When the buffer reaches {@code maxBufferedSpans} the appending
 * thread writes it itself. Retention deletes whole partitions by age and total size.
 *
 * <p>Reading: {@link #trace} (one term per segment of the partitions in range), {@link #search}
 * ({@link TraceSearcher}) and the catalogue ({@link TraceCatalogueQueries}). Thread-safe; appends
 * come from one thread.
 */
public final class LuceneTraceStore implements TraceAppender, TraceQuerier, Closeable {
    private static final Logger LOG = Logger.getLogger(LuceneTraceStore.class.getName());

    private final TraceStoreConfig config;
    private final InstantSource clock;
    private final PartitionedDirectory directory;
    private final TracePartitions partitions = new TracePartitions();
    private final TraceSpanBuffer buffer;
    private final TraceSearcher searcher;
    private final TraceCatalogueQueries catalogueQueries;
    private final ScheduledExecutorService maintenance;
    /** Serializes writing the buffer, commits, and creating and deleting partitions. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicLong droppedTooOld = new AtomicLong();
    private final AtomicLong spansWritten = new AtomicLong();
    private boolean writtenSinceCommit;
    private volatile long durableWalIndex;
    private volatile Throwable failure;

    private LuceneTraceStore(TraceStoreConfig config, InstantSource clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.directory = new PartitionedDirectory(config.directory(), "trace partition");
        long minCommitted = Long.MAX_VALUE;
        for (LocalDate day : directory.days()) {
            TracePartition partition = TracePartition.open(config, day);
            partitions.byDay().put(day, partition);
            if (partition.hasCommit()) {
                minCommitted = Math.min(minCommitted, partition.committedWalIndex());
            }
        }
        this.durableWalIndex = minCommitted == Long.MAX_VALUE ? directory.readAppliedIndex() : minCommitted;
        this.buffer = new TraceSpanBuffer(durableWalIndex);
        this.searcher = new TraceSearcher(partitions, config);
        this.catalogueQueries = new TraceCatalogueQueries(partitions);
        this.maintenance = Executors.newScheduledThreadPool(1, BackgroundThreads.factory("trace-store-maintenance"));
        long refreshMs = config.refreshInterval().toMillis();
        long commitMs = config.commitInterval().toMillis();
        maintenance.scheduleWithFixedDelay(guarded("refresh", this::refresh), refreshMs, refreshMs, TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(guarded("commit", this::commit), commitMs, commitMs, TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(guarded("retention", this::applyRetention), 0, 1, TimeUnit.MINUTES);
    }

    /** Opens the store in {@code config.directory()}, creating it when missing. */
    public static LuceneTraceStore open(TraceStoreConfig config, InstantSource clock) {
        try {
            return new LuceneTraceStore(config, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open trace store in " + config.directory(), e);
        }
    }

    @Override
    public void append(long walIndex, List<SpanRecord> spans) {
        checkHealthy();
        long oldestKept = TracePartitions.startOf(oldestKeptDay());
        int count = spans.size();
        TracePartition[] targets = new TracePartition[count];
        ResourceId[] resourceIds = new ResourceId[count];
        @SuppressWarnings("unchecked")
        List<String>[] resourceTerms = new List[count];
        // The spans of one OTLP resource share one map instance: hash each distinct map once.
        Map<Map<String, Object>, ResourceId> ids = new IdentityHashMap<>();
        LocalDate lastDay = null;
        TracePartition last = null;
        // The spans of one OTLP resource are consecutive: resolve a resource once per run of spans.
        Map<String, Object> lastResource = null;
        ResourceId lastId = null;
        List<String> lastTerms = List.of();
        for (int i = 0; i < count; i++) {
            SpanRecord span = spans.get(i);
            if (span.startNanos() < oldestKept) {
                droppedTooOld.incrementAndGet();
                continue;
            }
            LocalDate day = TracePartitions.dayOf(span.startNanos());
            if (!day.equals(lastDay)) {
                last = partitionFor(day, walIndex);
                lastDay = day;
                lastResource = null;
            }
            if (last.containsWalIndex(walIndex)) {
                continue; // a replay of an entry this partition already holds
            }
            if (span.resource() != lastResource) {
                lastResource = span.resource();
                lastId = lastResource.isEmpty() ? null : ids.computeIfAbsent(lastResource, ResourceId::of);
                lastTerms = lastId == null ? List.of() : last.resources().register(lastId, lastResource, last.catalogue());
            }
            targets[i] = last;
            resourceIds[i] = lastId;
            resourceTerms[i] = lastTerms;
            last.catalogue().noteSpan(span);
        }
        int buffered;
        synchronized (buffer) {
            for (int i = 0; i < count; i++) {
                if (targets[i] != null) {
                    buffer.add(targets[i].day(), spans.get(i), resourceIds[i], resourceTerms[i], config.indexedSpanAttributes());
                }
            }
            buffer.endEntry(walIndex);
            buffered = buffer.spans();
        }
        if (buffered >= config.maxBufferedSpans()) {
            writeLock.lock();
            try {
                writeBuffered();
            } finally {
                writeLock.unlock();
            }
        }
    }

    @Override
    public long durableWalIndex() {
        return durableWalIndex;
    }

    @Override
    public List<SpanRecord> trace(String traceId, long startNanos, long endNanos) {
        return partitions.readRange(startNanos, endNanos, touched -> TraceLookup.spans(touched, traceId, () -> { }));
    }

    @Override
    public List<TraceSummary> search(TraceSearch search) {
        return searcher.search(search);
    }

    @Override
    public List<String> services(long startNanos, long endNanos) {
        return catalogueQueries.services(startNanos, endNanos);
    }

    @Override
    public List<Operation> operations(String service, long startNanos, long endNanos) {
        return catalogueQueries.operations(service, startNanos, endNanos);
    }

    @Override
    public List<String> attributeKeys(TraceSearch.Scope scope, long startNanos, long endNanos) {
        return catalogueQueries.attributeKeys(scope, startNanos, endNanos);
    }

    @Override
    public List<String> attributeValues(TraceSearch.Scope scope, String key, long startNanos, long endNanos, int limit) {
        return catalogueQueries.attributeValues(scope, key, startNanos, endNanos, limit);
    }

    /** Writes every span appended so far to the indexes and makes it searchable; the refresher does this periodically. */
    public void refresh() {
        writeLock.lock();
        try {
            writeBuffered();
        } finally {
            writeLock.unlock();
        }
        for (TracePartition partition : partitions.byDay().values()) {
            partition.refresh();
        }
    }

    /** Waits until no partition runs or plans a merge (tests). */
    void awaitMerges() {
        for (TracePartition partition : partitions.byDay().values()) {
            partition.awaitMerges();
        }
    }

    /** Writes and commits every span appended so far; the committer does this periodically. */
    public void commit() {
        writeLock.lock();
        try {
            long watermark = writeBuffered();
            if (failure != null) {
                return;
            }
            for (TracePartition partition : partitions.byDay().values()) {
                partition.settleIfIdle();
            }
            if (watermark == durableWalIndex && !writtenSinceCommit) {
                // Merges that finished since the last commit: until a commit no longer names the
                // segments they replaced, those stay on disk beside the merged one.
                for (TracePartition partition : partitions.byDay().values()) {
                    if (partition.hasUncommittedChanges()) {
                        partition.commit(Math.max(watermark, partition.committedWalIndex()));
                    }
                }
                return;
            }
            // Never lower a partition's index: a crash between two partitions' commits leaves one
            // ahead of the store's watermark, and the replay skips its entries up to there; recording
            // the lower watermark would make the next replay add them to it a second time.
            for (TracePartition partition : partitions.byDay().values()) {
                partition.commit(Math.max(watermark, partition.committedWalIndex()));
            }
            writtenSinceCommit = false;
            durableWalIndex = watermark;
            directory.writeAppliedIndex(watermark);
        } finally {
            writeLock.unlock();
        }
    }

    /** Spans dropped because they started before the retention window. */
    public long droppedTooOld() {
        return droppedTooOld.get();
    }

    /** Spans written to the indexes since the store opened (searchable after the next refresh). */
    public long spansWritten() {
        return spansWritten.get();
    }

    /** Bytes of all partitions on disk. */
    public long sizeBytes() {
        long total = 0;
        for (TracePartition partition : partitions.byDay().values()) {
            total += partition.sizeBytes();
        }
        return total;
    }

    public int partitionCount() {
        return partitions.byDay().size();
    }

    /** Whether writing works; false after a write failed (disk full, I/O error). */
    public boolean healthy() {
        return failure == null;
    }

    /**
     * Deletes partitions whose day ended more than the retention age ago, then the oldest while the
     * store is over its size bound (never the newest partition).
     */
    public void applyRetention() {
        // Under the write lock as a whole: a check of the partition count and the choice of the
        // oldest must not interleave with another retention run (the scheduler's and a caller's),
        // or the newest partition could go.
        writeLock.lock();
        try {
            LocalDate oldestKept = oldestKeptDay();
            for (LocalDate day : List.copyOf(partitions.byDay().keySet())) {
                if (day.isBefore(oldestKept)) {
                    deletePartition(day, "older than " + config.retentionAge());
                }
            }
            if (config.retentionBytes() > 0) {
                NavigableMap<LocalDate, TracePartition> byDay = partitions.byDay();
                while (byDay.size() > 1 && sizeBytes() > config.retentionBytes()) {
                    deletePartition(byDay.firstKey(), "store over " + config.retentionBytes() + " bytes");
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        // Not shutdownNow: interrupting a running refresh or retention would interrupt Lucene's I/O.
        maintenance.shutdown();
        try {
            maintenance.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure == null) {
            commit();
        }
        for (TracePartition partition : partitions.byDay().values()) {
            partition.close();
        }
        partitions.byDay().clear();
    }

    /**
     * Closes without writing or committing anything, leaving the files as a killed process would
     * (crash tests: Lucene's lock would keep the same process from reopening an unclosed store).
     */
    void abandon() {
        maintenance.shutdown();
        try {
            maintenance.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (TracePartition partition : partitions.byDay().values()) {
            partition.close();
        }
        partitions.byDay().clear();
    }

    /**
     * Writes the buffer's parts (and the definitions they need) to their partitions; returns the WAL
     * index every entry up to which is now written. Holds the write lock.
     */
    private long writeBuffered() {
        TraceSpanBuffer.Taken taken = buffer.take();
        if (failure != null) {
            return durableWalIndex;
        }
        try {
            for (Map.Entry<LocalDate, Map<String, TracePartBuilder>> day : taken.parts().entrySet()) {
                TracePartition partition = partitions.byDay().get(day.getKey());
                if (partition == null) {
                    continue; // deleted by retention since the spans were appended
                }
                List<Document> documents = new ArrayList<>(day.getValue().size() + 2);
                partition.resources().unwrittenDefinitions(documents);
                partition.catalogue().unwrittenDefinitions(documents);
                for (TracePartBuilder part : day.getValue().values()) {
                    documents.add(part.document());
                }
                partition.add(documents);
                writtenSinceCommit = true;
            }
            spansWritten.addAndGet(taken.spans());
            return taken.walIndex();
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.log(Level.SEVERE, "writing spans up to WAL entry " + taken.walIndex() + " failed; the trace store stops here", e);
            throw e;
        }
    }

    private TracePartition partitionFor(LocalDate day, long walIndex) {
        TracePartition existing = partitions.byDay().get(day);
        if (existing != null) {
            return existing;
        }
        writeLock.lock();
        try {
            return partitions.byDay().computeIfAbsent(day, newDay -> {
                TracePartition partition = TracePartition.open(config, newDay);
                if (!partition.hasCommit()) {
                    // Committed at once, empty: no entry before this one had spans of this day, and the
                    // store's resume point (the lowest committed index) must not pass this one.
                    partition.commit(Math.min(buffer.walIndex(), walIndex - 1));
                }
                return partition;
            });
        } finally {
            writeLock.unlock();
        }
    }

    private void checkHealthy() {
        Throwable failed = failure;
        if (failed != null) {
            throw new IllegalStateException("trace store stopped writing after a write failed: " + failed, failed);
        }
    }

    private void deletePartition(LocalDate day, String reason) {
        writeLock.lock();
        try {
            TracePartition partition = partitions.byDay().remove(day);
            if (partition == null) {
                return;
            }
            partitions.exclusively(partition::close);
            PartitionedDirectory.deleteRecursively(partition.path());
            LOG.info(() -> "deleted trace partition " + day + ": " + reason);
        } finally {
            writeLock.unlock();
        }
    }

    private LocalDate oldestKeptDay() {
        return LocalDate.ofInstant(clock.instant().minus(config.retentionAge()), ZoneOffset.UTC);
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "trace store " + what + " failed", e);
            }
        };
    }
}
