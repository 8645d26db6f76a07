package io.sightline.storage.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;

/**
 * The searchers of one day partition's index (near-real-time over its writer), with I/O failures
 * turned into unchecked ones naming the partition, and the partition folder's size. Thread-safe.
 */
public final class PartitionSearchers implements Closeable {
    private final SearcherManager searchers;
    private final Path path;
    private final String what;

    /** @param what the partition in messages, e.g. "log partition" */
    public PartitionSearchers(IndexWriter writer, Path path, String what) throws IOException {
        this.searchers = new SearcherManager(writer, null);
        this.path = path;
        this.what = what;
    }

    /** Makes what the writer has flushed visible to later {@link #acquire()}s. */
    public void refresh() {
        try {
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh " + what + " " + path, e);
        }
    }

    /** A searcher over the latest refresh; hand it back with {@link #release}. */
    public IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + what + " " + path, e);
        }
    }

    public void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of the partition's files; 0 when the folder cannot be listed (it is being deleted). */
    public long sizeBytes() {
        try (Stream<Path> files = Files.list(path)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
    }
}
