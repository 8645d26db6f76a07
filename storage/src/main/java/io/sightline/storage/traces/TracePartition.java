package io.sightline.storage.traces;

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
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * One UTC day of spans (by start time): a Lucene index with its writer, near-real-time searcher,
 * resources and catalogue.
 *
 * <p>Each commit carries, as commit user data, the WAL index up to which every entry's spans of this
 * day are in it, and it holds nothing of later entries: the store writes spans to the index only
 * from its buffer, and commits right after writing the whole buffer, while later appends wait in a
 * fresh buffer. So a replayed entry is stored here exactly when its index is at or below the
 * committed one ({@link #containsWalIndex}). Thread-safe as IndexWriter is; writes and commits are
 * serialized by the store.
 */
final class TracePartition implements Closeable {
    static final String WAL_INDEX = "sightline.wal_index";
    static final String FORMAT = "sightline.trace_format";
    static final int FORMAT_VERSION = 1;

    private final LocalDate day;
    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final PartitionSearchers searchers;
    private final TraceCatalogue catalogue;
    private final TraceResources resources;
    private volatile long committedWalIndex;
    private final IdleSettler settler = new IdleSettler();
    private final boolean committedAtOpen;

    private TracePartition(LocalDate day, Path path, TraceStoreConfig config) throws IOException {
        this.day = day;
        this.path = path;
        Files.createDirectories(path);
        this.directory = FSDirectory.open(path);
        this.catalogue = new TraceCatalogue(config.catalogue());
        this.resources = new TraceResources(config.indexedResourceAttributes());
        Map<String, String> committed = lastCommitData(directory);
        this.committedAtOpen = committed.containsKey(WAL_INDEX);
        this.committedWalIndex = Long.parseLong(committed.getOrDefault(WAL_INDEX, "-1"));
        int format = Integer.parseInt(committed.getOrDefault(FORMAT, Integer.toString(FORMAT_VERSION)));
        if (format != FORMAT_VERSION) {
            directory.close();
            throw new IOException("trace partition " + path + " has format " + format + ", this build reads format "
                    + FORMAT_VERSION + "; delete the folder to drop its spans");
        }
        if (DirectoryReader.indexExists(directory)) {
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                resources.load(reader);
                catalogue.load(reader);
            }
        }
        IndexWriterConfig writerConfig = new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                // LZ4 at flush, DEFLATE when merges rewrite: ingest CPU stays low and settled data small.
                .setCodec(config.bestCompression() ? new Lucene104Codec(Lucene104Codec.Mode.BEST_COMPRESSION)
                        : MergeCompressingCodec.instance())
                .setRAMBufferSizeMB(config.ramBufferMb())
                .setUseCompoundFile(false)
                .setMergePolicy(AppendOnlyMerging.policy())
                .setMergeScheduler(AppendOnlyMerging.scheduler())
                .setCommitOnClose(false);
        this.writer = new IndexWriter(directory, writerConfig);
        this.searchers = new PartitionSearchers(writer, path, "trace partition");
    }

    /** Opens the partition of {@code day} under the store's directory, creating it when missing. */
    static TracePartition open(TraceStoreConfig config, LocalDate day) {
        Path path = config.directory().resolve(day.toString());
        try {
            return new TracePartition(day, path, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open trace partition " + path, e);
        }
    }

    LocalDate day() {
        return day;
    }

    Path path() {
        return path;
    }

    TraceCatalogue catalogue() {
        return catalogue;
    }

    TraceResources resources() {
        return resources;
    }

    /** Whether the index had a commit of this store when opened. */
    boolean hasCommit() {
        return committedAtOpen || committedWalIndex >= 0;
    }

    long committedWalIndex() {
        return committedWalIndex;
    }

    /** Whether the spans of WAL entry {@code walIndex} for this day are already stored. */
    boolean containsWalIndex(long walIndex) {
        return walIndex <= committedWalIndex;
    }

    void add(List<Document> documents) {
        try {
            writer.addDocuments(documents);
            settler.added(documents.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index into trace partition " + path, e);
        }
    }

    /**
     * Merges the segments flushes wrote into one when nothing was added since the previous call (the
     * committer calls this every commit interval), once per quiet spell: see {@link IdleSettler}.
     */
    void settleIfIdle() {
        try {
            settler.settleIfIdle(writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge trace partition " + path, e);
        }
    }

    /** Whether merges (or parts) changed the index since the last commit. */
    boolean hasUncommittedChanges() {
        return writer.hasUncommittedChanges();
    }

    /** Commits everything added so far, recording that every entry up to {@code walIndex} is in. */
    void commit(long walIndex) {
        writer.setLiveCommitData(Map.of(WAL_INDEX, Long.toString(walIndex),
                FORMAT, Integer.toString(FORMAT_VERSION)).entrySet());
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit trace partition " + path, e);
        }
        committedWalIndex = walIndex;
    }

    /** Waits until no merge runs or waits to run (tests; the store never waits). */
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

    @Override
    public void close() {
        try {
            searchers.close();
            writer.rollback(); // commitOnClose is off: what is not committed is replayed from the WAL
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close trace partition " + path, e);
        }
    }

    private static Map<String, String> lastCommitData(Directory directory) throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return Map.of();
        }
        List<IndexCommit> commits = DirectoryReader.listCommits(directory);
        return commits.getLast().getUserData();
    }
}
