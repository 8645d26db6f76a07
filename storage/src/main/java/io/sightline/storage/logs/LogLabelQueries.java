package io.sightline.storage.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;

/**
 * The Loki API's catalogue queries: label names, label values, series, index stats. They read the
 * partitions' stream catalogues in memory and ask the index only whether (or, for stats, how much)
 * each selected stream has records in the range: a term's document frequency when the range
 * covers the whole day, else a lookup of the stream's first record in the range. Thread-safe.
 */
final class LogLabelQueries {
    private static final long DAY_NANOS = 86_400_000_000_000L;

    private final LogSearcher partitions;

    LogLabelQueries(LogSearcher partitions) {
        this.partitions = partitions;
    }

    /** Label names of the streams with records in [start, end) that the matchers select, sorted. */
    List<String> labelNames(long startNanos, long endNanos, List<LabelMatcher> matchers) {
        Set<String> names = new TreeSet<>();
        for (Labels labels : series(startNanos, endNanos, List.of(matchers))) {
            names.addAll(labels.names());
        }
        return List.copyOf(names);
    }

    /** Values of label {@code name} among those streams, sorted. */
    List<String> labelValues(String name, long startNanos, long endNanos, List<LabelMatcher> matchers) {
        Set<String> values = new TreeSet<>();
        for (Labels labels : series(startNanos, endNanos, List.of(matchers))) {
            String value = labels.get(name);
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }

    /** Distinct label sets of the streams with records in the range that any selector selects, sorted. */
    List<Labels> series(long startNanos, long endNanos, List<List<LabelMatcher>> selectors) {
        Set<Labels> series = new TreeSet<>();
        forEachStream(startNanos, endNanos, selectors, (partition, stream) -> series.add(stream.labels()), null);
        return List.copyOf(series);
    }

    LogIndexStats indexStats(long startNanos, long endNanos, List<LabelMatcher> matchers) {
        Set<Labels> streams = new HashSet<>();
        long[] totals = new long[3]; // chunks, entries, bytes
        forEachStream(startNanos, endNanos, List.of(matchers), (partition, stream) -> {
            streams.add(stream.labels());
            totals[0]++;
        }, (entries, bytes) -> {
            totals[1] += entries;
            totals[2] += bytes;
        });
        return new LogIndexStats(streams.size(), totals[0], totals[1], totals[2]);
    }

    /**
     * Calls {@code action} for each stream definition with records in [start, end) selected by any
     * selector, once per partition; with {@code sizes}, also counts its records and body bytes.
     */
    private void forEachStream(long startNanos, long endNanos, List<List<LabelMatcher>> selectors,
                               BiConsumer<LogPartition, LogStreamDefinition> action, BiConsumer<Long, Long> sizes) {
        if (endNanos <= startNanos) {
            return;
        }
        LocalDate first = LogSearcher.dayOf(startNanos);
        LocalDate last = LogSearcher.dayOf(endNanos - 1);
        partitions.withPartitions(first, last, touched -> {
            for (LogPartition partition : touched) {
                List<LogStreamDefinition> selected = new ArrayList<>();
                for (LogStreamDefinition stream : partition.streams().all()) {
                    for (List<LabelMatcher> selector : selectors) {
                        if (LogStreamCatalogue.matchesAll(stream.labels(), selector)) {
                            selected.add(stream);
                            break;
                        }
                    }
                }
                if (!selected.isEmpty()) {
                    visit(partition, selected, startNanos, endNanos, action, sizes);
                }
            }
            return null;
        });
    }

    private static void visit(LogPartition partition, List<LogStreamDefinition> selected, long startNanos, long endNanos,
                              BiConsumer<LogPartition, LogStreamDefinition> action, BiConsumer<Long, Long> sizes) {
        long dayStart = partition.day().toEpochDay() * DAY_NANOS;
        long lo = Math.max(startNanos, dayStart);
        long hi = Math.min(endNanos, dayStart + DAY_NANOS);
        boolean wholeDay = lo == dayStart && hi == dayStart + DAY_NANOS;
        IndexSearcher searcher = partition.acquire();
        try {
            for (LogStreamDefinition stream : selected) {
                Term term = new Term(LogFields.STREAM, LogFields.streamTerm(stream.id()));
                if (sizes == null && wholeDay) {
                    if (searcher.getIndexReader().docFreq(term) > 0) {
                        action.accept(partition, stream);
                    }
                    continue;
                }
                Query query = new BooleanQuery.Builder()
                        .add(new TermQuery(term), BooleanClause.Occur.FILTER)
                        .add(LogQueries.timeRange(lo, hi - 1), BooleanClause.Occur.FILTER)
                        .build();
                long[] counted = count(searcher, query, sizes != null);
                if (counted[0] > 0) {
                    action.accept(partition, stream);
                    if (sizes != null) {
                        sizes.accept(counted[0], counted[1]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read log partition " + partition.day(), e);
        } finally {
            partition.release(searcher);
        }
    }

    /** Records matching {@code query} and their body bytes; with {@code all} false, stops at the first. */
    private static long[] count(IndexSearcher searcher, Query query, boolean all) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        long entries = 0;
        long bytes = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            NumericDocValues sizes = DocValues.getNumeric(leaf.reader(), LogFields.POSITION);
            DocIdSetIterator docs = scorer.iterator();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                entries++;
                if (!all) {
                    return new long[] {entries, 0};
                }
                if (sizes.advanceExact(doc)) {
                    bytes += LogFields.bodyBytes(sizes.longValue());
                }
            }
        }
        return new long[] {entries, bytes};
    }
}
