package io.sightline.storage.logs;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.sightline.storage.background.BackgroundThreads;
import io.sightline.storage.lucene.PartitionedDirectory;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;
import org.apache.lucene.document.Document;

/**
 * The log store: Lucene indexes partitioned by UTC day, fed by the logs applier and searched by
 * the query layer.
 *
 * <p>Writing: {@link #append} turns each WAL entry's records into documents and hands them, one
 * {@code addDocuments} call per entry and partition, to {@link LogIndexers} so both cores index.
 * A committer thread commits every partition every {@code commitInterval} with the WAL index up to
 * which all entries are indexed; a refresher makes new records searchable every
 * {@code refreshInterval}; retention deletes whole partitions. Reading: {@link #search} (pages for the
 * search API), {@link #scan}/{@link #scanSamples} (LogQL: stream selectors and line filters,
 * {@link LogScanner}) and the label catalogue ({@link LogLabelQueries}). Every partition is opened
 * when the store opens; a read searches only the partitions whose day its range touches.
 */
public final class LuceneLogStore implements LogAppender, LogQuerier, Closeable {
    private static final Logger LOG = Logger.getLogger(LuceneLogStore.class.getName());
    /** Where the applied WAL index is kept when no partition is left to carry it (after retention). */

    private final LogStoreConfig config;
    private final InstantSource clock;
    private final NavigableMap<LocalDate, LogPartition> partitions = new ConcurrentSkipListMap<>();
    private final LogIndexers indexers;
    private final LogSearcher searcher;
    private final LogScanner scanner;
    private final LogLabelQueries labelQueries;
    private final ScheduledExecutorService maintenance;
    /** Held by a retention run. */
    private final Object retentionRuns = new Object();
    private final PartitionedDirectory directory;
    private final Object commitLock = new Object();
    private final AtomicLong droppedTooOld = new AtomicLong();
    private volatile long durableWalIndex;
    private volatile long lastCommittedIndex;

    private LuceneLogStore(LogStoreConfig config, InstantSource clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.directory = new PartitionedDirectory(config.directory(), "log partition");
        long fallbackIndex = directory.readAppliedIndex();
        long minCommitted = Long.MAX_VALUE;
        for (LocalDate day : directory.days()) {
            LogPartition partition = LogPartition.open(config.directory(), day, config.ramBufferMb());
            partitions.put(day, partition);
            if (partition.hasCommit()) {
                minCommitted = Math.min(minCommitted, partition.committedWalIndex());
            }
        }
        this.durableWalIndex = minCommitted == Long.MAX_VALUE ? fallbackIndex : minCommitted;
        this.lastCommittedIndex = durableWalIndex;
        this.indexers = new LogIndexers(config.indexThreads(), durableWalIndex);
        this.searcher = new LogSearcher(partitions);
        this.scanner = new LogScanner(searcher, config);
        this.labelQueries = new LogLabelQueries(searcher);
        this.maintenance = Executors.newScheduledThreadPool(1, BackgroundThreads.factory("log-store-maintenance"));
        long refreshMs = config.refreshInterval().toMillis();
        long commitMs = config.commitInterval().toMillis();
        maintenance.scheduleWithFixedDelay(guarded("refresh", this::refreshPartitions), refreshMs, refreshMs, TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(guarded("commit", this::commitIndexed), commitMs, commitMs, TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(guarded("retention", this::applyRetention), 0, 1, TimeUnit.MINUTES);
    }

    /** Opens the store in {@code config.directory()}, creating it when missing. */
    public static LuceneLogStore open(LogStoreConfig config, InstantSource clock) {
        try {
            return new LuceneLogStore(config, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log store in " + config.directory(), e);
        }
    }

    @Override
    public void append(long walIndex, List<LogRecord> records) {
        indexers.checkHealthy();
        long oldestKept = oldestKeptDay().atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        Map<LocalDate, List<Integer>> positionsByDay = new HashMap<>();
        for (int position = 0; position < records.size(); position++) {
            long time = records.get(position).effectiveTimeNanos();
            if (time < oldestKept) {
                droppedTooOld.incrementAndGet();
                continue;
            }
            positionsByDay.computeIfAbsent(dayOf(time), day -> new ArrayList<>()).add(position);
        }
        List<Runnable> tasks = new ArrayList<>(positionsByDay.size());
        for (Map.Entry<LocalDate, List<Integer>> day : positionsByDay.entrySet()) {
            LogPartition partition = partitionFor(day.getKey(), walIndex);
            if (!partition.containsWalIndex(walIndex)) {
                List<Integer> positions = day.getValue();
                // Documents are built on the indexing threads: encoding is as costly as indexing.
                tasks.add(() -> partition.add(documents(walIndex, records, positions, partition.streams(), partition.format())));
            }
        }
        indexers.submit(walIndex, tasks);
    }

    /**
     * The documents of one entry's records in one partition, plus the definitions of each stream
     * (and its resource) the partition has not seen yet, all to be added in one call.
     */
    static List<Document> documents(long walIndex, List<LogRecord> records, List<Integer> positions,
                                    LogStreamCatalogue streams, int format) {
        List<Document> documents = new ArrayList<>(positions.size() + 2);
        // The records of one OTLP resource share one map instance: hash each distinct map once.
        Map<Map<String, Object>, String> ids = new IdentityHashMap<>();
        for (int position : positions) {
            LogRecord record = records.get(position);
            String resourceId = ids.computeIfAbsent(record.resource(), LogResources::idOf);
            LogStreamDefinition.Key key = new LogStreamDefinition.Key(resourceId, record.serviceName(),
                    record.severityNumber(), record.severityText());
            long streamId = streams.idFor(key, record.resource(), documents);
            documents.add(LogFields.document(record, walIndex, position, streamId, format));
        }
        return documents;
    }

    @Override
    public long durableWalIndex() {
        return durableWalIndex;
    }

    @Override
    public LogPage search(LogSearch search) {
        return searcher.search(search);
    }

    @Override
    public LogScanStats scan(LogScan scan, LogRecordVisitor visitor) {
        return scanner.scan(scan, true, false, (stream, time, bytes, record) -> visitor.visit(stream, record));
    }

    @Override
    public LogScanStats scanSamples(LogScan scan, LogSampleVisitor visitor) {
        return scanner.scan(scan, false, true, (stream, time, bytes, record) -> visitor.visit(stream, time, bytes));
    }

    @Override
    public List<String> labelNames(long startNanos, long endNanos, List<LabelMatcher> matchers) {
        return labelQueries.labelNames(startNanos, endNanos, matchers);
    }

    @Override
    public List<String> labelValues(String name, long startNanos, long endNanos, List<LabelMatcher> matchers) {
        return labelQueries.labelValues(name, startNanos, endNanos, matchers);
    }

    @Override
    public List<Labels> series(long startNanos, long endNanos, List<List<LabelMatcher>> selectors) {
        return labelQueries.series(startNanos, endNanos, selectors);
    }

    @Override
    public LogIndexStats indexStats(long startNanos, long endNanos, List<LabelMatcher> matchers) {
        return labelQueries.indexStats(startNanos, endNanos, matchers);
    }

    /** Makes every record appended so far searchable now; the refresher does this periodically. */
    public void refresh() {
        indexers.awaitSubmitted();
        refreshPartitions();
    }

    /** Commits every record appended so far; the committer does this periodically. */
    public void commit() {
        indexers.awaitSubmitted();
        commitIndexed();
    }

    /** Waits until no partition merges (measurements and tests). */
    void awaitMerges() {
        for (LogPartition partition : partitions.values()) {
            partition.awaitMerges();
        }
    }

    private void refreshPartitions() {
        for (LogPartition partition : partitions.values()) {
            partition.refresh();
        }
    }

    /**
     * Commits every partition with the WAL index up to which all entries are indexed, then records
     * that index as durable. Entries indexed meanwhile may be in the commit too; replays find them.
     */
    private void commitIndexed() {
        synchronized (commitLock) {
            for (LogPartition partition : partitions.values()) {
                partition.settleIfIdle();
            }
            long watermark = indexers.completedWatermark();
            if (watermark == lastCommittedIndex && !indexers.indexedSinceLastCommit()) {
                // Merges that finished since the last commit: until a commit no longer names the
                // segments they replaced, those stay on disk beside the merged one.
                for (LogPartition partition : partitions.values()) {
                    if (partition.hasUncommittedChanges()) {
                        partition.commit(watermark);
                    }
                }
                return;
            }
            indexers.markCommitted();
            for (LogPartition partition : partitions.values()) {
                partition.commit(watermark);
            }
            lastCommittedIndex = watermark;
            durableWalIndex = watermark;
            directory.writeAppliedIndex(watermark);
        }
    }

    /** Records dropped because their time was before the retention window. */
    public long droppedTooOld() {
        return droppedTooOld.get();
    }

    /** Bytes of all partitions on disk. */
    public long sizeBytes() {
        long total = 0;
        for (LogPartition partition : partitions.values()) {
            total += partition.sizeBytes();
        }
        return total;
    }

    /** Records in the store, searchable or not yet. */
    public long recordCount() {
        long total = 0;
        for (LogPartition partition : partitions.values()) {
            total += partition.documentCount();
        }
        return total;
    }

    public int partitionCount() {
        return partitions.size();
    }

    /** Whether indexing works; false after a write failed (disk full, I/O error). */
    public boolean healthy() {
        return indexers.failure() == null;
    }

    /**
     * Deletes partitions whose day ended more than the retention age ago, then the oldest while the
     * store is over its size bound (never the newest partition).
     */
    public void applyRetention() {
        // One run at a time: the partition count check and the choice of the oldest must not
        // interleave with another run (the scheduler's and a caller's), or the newest could go.
        synchronized (retentionRuns) {
            LocalDate oldestKept = oldestKeptDay();
            for (LocalDate day : List.copyOf(partitions.keySet())) {
                if (day.isBefore(oldestKept)) {
                    deletePartition(day, "older than " + config.retentionAge());
                }
            }
            if (config.retentionBytes() > 0) {
                while (partitions.size() > 1 && sizeBytes() > config.retentionBytes()) {
                    deletePartition(partitions.firstKey(), "store over " + config.retentionBytes() + " bytes");
                }
            }
        }
    }

    @Override
    public void close() {
        maintenance.shutdownNow();
        try {
            maintenance.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        indexers.close();
        if (indexers.failure() == null) {
            commitIndexed();
        }
        for (LogPartition partition : partitions.values()) {
            partition.close();
        }
        partitions.clear();
    }

    private LogPartition partitionFor(LocalDate day, long walIndex) {
        LogPartition existing = partitions.get(day);
        if (existing != null) {
            return existing;
        }
        synchronized (commitLock) {
            return partitions.computeIfAbsent(day, newDay -> {
                LogPartition partition = LogPartition.open(config.directory(), newDay, config.ramBufferMb());
                if (!partition.hasCommit()) {
                    // Committed at once, empty, so the store's resume point (the lowest committed index
                    // of all partitions) can never pass entries this partition has yet to make durable.
                    partition.commit(indexers.previousSubmitted(walIndex));
                }
                return partition;
            });
        }
    }

    private void deletePartition(LocalDate day, String reason) {
        synchronized (commitLock) {
            LogPartition partition = partitions.remove(day);
            if (partition == null) {
                return;
            }
            searcher.exclusively(partition::close);
            PartitionedDirectory.deleteRecursively(partition.path());
            LOG.info(() -> "deleted log partition " + day + ": " + reason);
        }
    }

    private LocalDate oldestKeptDay() {
        Instant cutoff = clock.instant().minus(config.retentionAge());
        return LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
    }

    private static LocalDate dayOf(long timeNanos) {
        return LocalDate.ofEpochDay(Math.floorDiv(timeNanos, 86_400_000_000_000L));
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "log store " + what + " failed", e);
            }
        };
    }
}
