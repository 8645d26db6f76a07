package io.sightline.storage.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Searches the partitions a time range touches, as one index, newest first. Partitions outside
 * the range are never opened. A search holds a read lock so retention cannot close a partition
 * under it.
 */
final class LogSearcher {
    private static final Sort NEWEST_FIRST = new Sort(
            new SortField(LogFields.TIME, SortField.Type.LONG, true),
            new SortField(LogFields.WAL_INDEX, SortField.Type.LONG, true),
            new SortField(LogFields.POSITION, SortField.Type.LONG, true));
    private static final Set<String> RECORD_ONLY = Set.of(LogFields.RECORD);

    private final NavigableMap<LocalDate, LogPartition> partitions;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    LogSearcher(NavigableMap<LocalDate, LogPartition> partitions) {
        this.partitions = partitions;
    }

    LogPage search(LogSearch search) {
        Optional<LogCursor> cursor = search.cursor().map(LogCursor::decode);
        lock.readLock().lock();
        List<LogPartition> touched = new ArrayList<>(partitions.subMap(
                dayOf(search.startNanos()), true, dayOf(search.endNanos()), true).values());
        Query query = LogQueries.build(search, condition -> {
            List<BytesRef> ids = new ArrayList<>();
            for (LogPartition partition : touched) {
                LogStreamCatalogue streams = partition.streams();
                for (LogStreamDefinition stream : streams.all()) {
                    if (condition.test(stream, streams.resourceOf(stream))) {
                        ids.add(LogFields.streamTerm(stream.id()));
                    }
                }
            }
            return ids;
        });
        List<IndexSearcher> acquired = new ArrayList<>(touched.size());
        try {
            for (LogPartition partition : touched) {
                acquired.add(partition.acquire());
            }
            IndexReader[] readers = acquired.stream().map(IndexSearcher::getIndexReader).toArray(IndexReader[]::new);
            try (MultiReader reader = new MultiReader(readers, false)) {
                return search(new IndexSearcher(reader), query, search, cursor);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("log search failed", e);
        } finally {
            for (int i = 0; i < acquired.size(); i++) {
                touched.get(i).release(acquired.get(i));
            }
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code action} on the partitions of the days {@code first} to {@code last} (inclusive,
     * in day order) while retention cannot close them.
     */
    <T> T withPartitions(LocalDate first, LocalDate last, Function<List<LogPartition>, T> action) {
        lock.readLock().lock();
        try {
            return action.apply(first.isAfter(last) ? List.of()
                    : new ArrayList<>(partitions.subMap(first, true, last, true).values()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code action} while no search is under way (retention closing a partition). */
    void exclusively(Runnable action) {
        lock.writeLock().lock();
        try {
            action.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static LogPage search(IndexSearcher searcher, Query query, LogSearch search, Optional<LogCursor> cursor)
            throws IOException {
        searcher.setTimeout(new QueryTimeoutImpl(search.timeout().toMillis()));
        // (time, WAL index, position) is unique, so the doc id tiebreak only has to exclude the
        // cursor's own record: no doc id is above the last one.
        int lastDoc = Math.max(0, searcher.getIndexReader().maxDoc() - 1);
        FieldDoc after = cursor.map(c -> new FieldDoc(lastDoc, Float.NaN,
                new Object[] {c.timeNanos(), c.walIndex(), c.position()})).orElse(null);
        TopDocs top = searcher.searchAfter(after, query, search.limit(), NEWEST_FIRST);
        if (searcher.timedOut()) {
            throw new LogSearchTimeoutException(search.timeout());
        }
        long matched = searcher.count(query);
        StoredFields stored = searcher.storedFields();
        List<LogRecord> records = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            BytesRef bytes = stored.document(hit.doc, RECORD_ONLY).getBinaryValue(LogFields.RECORD);
            long time = (Long) ((FieldDoc) hit).fields[0];
            records.add(LogRecordCodec.decode(bytes.bytes, bytes.offset, bytes.length, time));
        }
        Optional<String> next = Optional.empty();
        if (top.scoreDocs.length == search.limit()) {
            Object[] last = ((FieldDoc) top.scoreDocs[top.scoreDocs.length - 1]).fields;
            next = Optional.of(new LogCursor((Long) last[0], (Long) last[1], (Long) last[2]).encode());
        }
        return new LogPage(records, next, matched);
    }

    static LocalDate dayOf(long timeNanos) {
        return LocalDate.ofEpochDay(Math.floorDiv(timeNanos, 86_400_000_000_000L));
    }
}
