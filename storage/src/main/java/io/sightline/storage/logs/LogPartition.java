package io.sightline.storage.logs;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.sightline.storage.lucene.AppendOnlyMerging;
import io.sightline.storage.lucene.IdleSettler;
import io.sightline.storage.lucene.MergeCompressingCodec;
import io.sightline.storage.lucene.PartitionSearchers;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * One day (UTC) of log records: a Lucene index with its writer and near-real-time searcher.
 *
 * <p>Each commit carries, as commit user data, the WAL index up to which every entry's records of
 * this partition are durable. A commit may also hold some later entries (indexing goes on while it
 * runs); each entry's records go in with one {@code addDocuments} call, so an entry is in a
 * partition wholly or not at all, and a replay after a crash asks {@link #containsWalIndex} for
 * entries up to {@link #maxWalIndexAtOpen()}. Thread-safe as IndexWriter is; commits are serialized
 * by the store.
 */
final class LogPartition implements Closeable {
    static final String WAL_INDEX = "sightline.wal_index";
    /** Commit user data naming the field schema; absent in partitions written before streams (1). */
    static final String FORMAT = "sightline.log_format";
    /** The format of new partitions: the body indexed without frequencies and positions. */
    static final int FORMAT_VERSION = 3;
    /**
     * The oldest format read: records carry stream ids, the body is indexed with positions. Such a
     * partition keeps its format (Lucene refuses to change a field's index options in an index).
     */
    static final int POSITIONS_FORMAT = 2;

    private final LocalDate day;
    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final PartitionSearchers searchers;
    /** {@link #POSITIONS_FORMAT} when the index already holds a body with positions, else the current one. */
    private final int format;
    private final LogResources resources = new LogResources();
    private final LogStreamCatalogue streams = new LogStreamCatalogue(resources);
    private volatile long committedWalIndex;
    private final long maxWalIndexAtOpen;
    private volatile DirectoryReader replayReader;
    private final IdleSettler settler = new IdleSettler();

    private LogPartition(LocalDate day, Path path, int ramBufferMb) throws IOException {
        this.day = day;
        this.path = path;
        Files.createDirectories(path);
        this.directory = FSDirectory.open(path);
        Map<String, String> committed = lastCommitData(directory);
        this.committedWalIndex = Long.parseLong(committed.getOrDefault(WAL_INDEX, "-1"));
        this.replayReader = DirectoryReader.indexExists(directory) ? DirectoryReader.open(directory) : null;
        this.maxWalIndexAtOpen = replayReader == null ? -1 : maxWalIndex(replayReader);
        int committedFormat = Integer.parseInt(committed.getOrDefault(FORMAT, "1"));
        if (maxWalIndexAtOpen >= 0 && (committedFormat < POSITIONS_FORMAT || committedFormat > FORMAT_VERSION)) {
            closeReplayReader();
            directory.close();
            throw new IOException("log partition " + path + " has format " + committedFormat + ", this build reads formats "
                    + POSITIONS_FORMAT + " to " + FORMAT_VERSION + " (records carry stream ids); delete the folder to drop its records");
        }
        this.format = replayReader != null && bodyHasPositions(replayReader) ? POSITIONS_FORMAT : FORMAT_VERSION;
        if (replayReader != null) {
            resources.load(replayReader);
            streams.load(replayReader);
        }
        if (maxWalIndexAtOpen <= committedWalIndex) {
            closeReplayReader();
        }
        this.writer = new IndexWriter(directory, writerConfig(ramBufferMb));
        this.searchers = new PartitionSearchers(writer, path, "log partition");
    }

    /**
     * The writer settings of every partition (also used by LogIndexingBenchmark): flushed segments
     * not compound (they are merged soon), the log merge policy, the log codec.
     */
    static IndexWriterConfig writerConfig(int ramBufferMb) {
        return new IndexWriterConfig(new StandardAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(ramBufferMb)
                .setUseCompoundFile(false)
                .setMergePolicy(AppendOnlyMerging.policy())
                .setMergeScheduler(AppendOnlyMerging.scheduler())
                .setCodec(MergeCompressingCodec.instance())
                .setCommitOnClose(false);
    }

    /** Opens the partition of {@code day} under {@code root}, creating it when missing. */
    static LogPartition open(Path root, LocalDate day, int ramBufferMb) {
        try {
            return new LogPartition(day, root.resolve(day.toString()), ramBufferMb);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log partition " + root.resolve(day.toString()), e);
        }
    }

    /** Whether a committed index exists in {@code path} (a partition that was ever committed). */
    static boolean hasCommit(Path path) {
        try (Directory directory = FSDirectory.open(path)) {
            return !DirectoryReader.listCommits(directory).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    LocalDate day() {
        return day;
    }

    Path path() {
        return path;
    }

    /** The partition's format: how its documents index the body ({@link LogFields#document}). */
    int format() {
        return format;
    }

    /** The WAL index this partition is durable up to; -1 when never committed. */
    long committedWalIndex() {
        return committedWalIndex;
    }

    /** The resources whose definitions are (or are being) written here. */
    LogResources resources() {
        return resources;
    }

    /** The streams whose definitions are (or are being) written here. */
    LogStreamCatalogue streams() {
        return streams;
    }

    boolean hasCommit() {
        return committedWalIndex >= 0;
    }

    /** The highest WAL index of any record on disk when opened: replays up to it must check. */
    long maxWalIndexAtOpen() {
        return maxWalIndexAtOpen;
    }

    /**
     * Whether the records of WAL entry {@code walIndex} are already here: those at or below the
     * committed index are, those above the highest present at open are not, and those between are
     * looked up in the index as it was at open. Called by the single applier thread.
     */
    boolean containsWalIndex(long walIndex) {
        if (walIndex <= committedWalIndex) {
            return true;
        }
        DirectoryReader reader = replayReader;
        if (walIndex > maxWalIndexAtOpen || reader == null) {
            closeReplayReader();
            return false;
        }
        try {
            return new IndexSearcher(reader).count(LongPoint.newExactQuery(LogFields.WAL_INDEX, walIndex)) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read log partition " + path, e);
        }
    }

    void add(List<Document> documents) {
        try {
            writer.addDocuments(documents);
            settler.added(documents.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index into log partition " + path, e);
        }
    }

    /** Commits everything added so far, recording that every entry up to {@code walIndex} is in. */
    void commit(long walIndex) {
        writer.setLiveCommitData(Map.of(WAL_INDEX, Long.toString(walIndex),
                FORMAT, Integer.toString(format)).entrySet());
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit log partition " + path, e);
        }
        committedWalIndex = walIndex;
    }

    /**
     * Merges the segments flushes wrote into one when nothing was added since the previous call (the
     * committer calls this every commit interval), once per quiet spell: see {@link IdleSettler}.
     */
    void settleIfIdle() {
        try {
            settler.settleIfIdle(writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge log partition " + path, e);
        }
    }

    /** Whether merges (or records) changed the index since the last commit. */
    boolean hasUncommittedChanges() {
        return writer.hasUncommittedChanges();
    }

    /** Waits until no merge runs or waits to run (measurements and tests; the store never waits). */
    void awaitMerges() {
        AppendOnlyMerging.awaitMerges(writer);
    }

    void refresh() {
        searchers.refresh();
    }

    IndexSearcher acquire() {
        return searchers.acquire();
    }

    void release(IndexSearcher searcher) {
        searchers.release(searcher);
    }

    long sizeBytes() {
        return searchers.sizeBytes();
    }

    /** Log records here, searchable or not yet (resource and stream definitions are not counted). */
    long documentCount() {
        return Math.max(0, writer.getDocStats().numDocs - streams.definitionDocuments());
    }

    @Override
    public void close() {
        try {
            closeReplayReader();
            searchers.close();
            writer.rollback(); // commitOnClose is off: what is not committed is replayed from the WAL
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close log partition " + path, e);
        }
    }

    private void closeReplayReader() {
        DirectoryReader reader = replayReader;
        replayReader = null;
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean bodyHasPositions(DirectoryReader reader) {
        FieldInfo body = FieldInfos.getMergedFieldInfos(reader).fieldInfo(LogFields.BODY);
        return body != null && body.getIndexOptions().compareTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS) >= 0;
    }

    private static long maxWalIndex(DirectoryReader reader) throws IOException {
        byte[] max = PointValues.getMaxPackedValue(reader, LogFields.WAL_INDEX);
        return max == null ? -1 : LongPoint.decodeDimension(max, 0);
    }

    private static Map<String, String> lastCommitData(Directory directory) throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return Map.of();
        }
        List<IndexCommit> commits = DirectoryReader.listCommits(directory);
        return commits.getLast().getUserData();
    }
}
