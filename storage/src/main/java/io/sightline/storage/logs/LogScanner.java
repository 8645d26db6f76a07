package io.sightline.storage.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.sightline.storage.tsdb.Labels;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * Runs {@link LogScan}s: day partitions in time order (partitions without a selected stream are
 * not searched), each in time <em>windows</em> of at most {@value #WINDOW_DOCS} records, so memory
 * stays bounded and a limited scan stops after the windows nearest its start (or end). Within a
 * window the candidates are collected with their time, WAL index and position from doc values,
 * sorted, verified (line filters the index cannot decide) and handed out. Stream selectors and the
 * time range are exact in the index; line filters are pushed down as a superset
 * ({@link LineFilterQueries}) and verified on the stored body. Thread-safe (one state per scan).
 */
final class LogScanner {
    /** Records per window: ~2.5 MB of candidate arrays, a few ms to collect and sort. */
    static final int WINDOW_DOCS = 65_536;

    private final LogSearcher partitions;
    private final LogStoreConfig config;

    LogScanner(LogSearcher partitions, LogStoreConfig config) {
        this.partitions = partitions;
        this.config = config;
    }

    /** Receives a matching record: its record only when the scan reads records. */
    interface Sink {
        boolean accept(Labels stream, long timeNanos, int bodyBytes, LogRecord record);
    }

    /**
     * @param unordered the sink takes matches in any order: with no limit and nothing to verify on
     *                  stored records, each segment's doc values stream straight to the sink
     */
    LogScanStats scan(LogScan scan, boolean readRecords, boolean unordered, Sink sink) {
        LogScanRun run = new LogScanRun(scan, config, readRecords, unordered, sink);
        if (scan.endNanos() <= scan.startNanos()) {
            return run.stats();
        }
        LocalDate first = LogSearcher.dayOf(scan.startNanos());
        LocalDate last = LogSearcher.dayOf(scan.endNanos() - 1);
        return partitions.withPartitions(first, last, touched -> {
            List<LogPartition> ordered = new ArrayList<>(touched);
            if (scan.direction() == LogScan.Direction.BACKWARD) {
                java.util.Collections.reverse(ordered);
            }
            for (LogPartition partition : ordered) {
                if (run.done()) {
                    break;
                }
                scanPartition(run, partition);
            }
            return run.stats();
        });
    }

    private void scanPartition(LogScanRun run, LogPartition partition) {
        run.checkTime();
        PartitionQuery planned = PartitionQuery.plan(run, partition);
        if (planned == null) {
            run.skipped();
            return;
        }
        IndexSearcher searcher = partition.acquire();
        try {
            if (run.unordered()) {
                LogSampleCollector.collect(run, searcher, planned);
                return;
            }
            LogWindow window = new LogWindow(run, searcher, planned.labels());
            FixedBitSet[] candidates = planned.restricted() ? candidates(run, searcher, planned.query()) : null;
            if (candidates != null && run.partitionCandidates() <= windowDocs(run.scan())) {
                window.collectAll(candidates);
                window.emit();
                return;
            }
            scanWindows(run, searcher, window, candidates, planned.from(), planned.to());
        } catch (IOException e) {
            throw new UncheckedIOException("log scan of partition " + partition.day() + " failed", e);
        } finally {
            partition.release(searcher);
        }
    }

    /** Splits [lo, hi) in halves until each holds at most a window of records, nearest first. */
    private void scanWindows(LogScanRun run, IndexSearcher searcher, LogWindow window, FixedBitSet[] candidates,
                             long lo, long hi) throws IOException {
        boolean forward = run.scan().direction() == LogScan.Direction.FORWARD;
        int windowDocs = windowDocs(run.scan());
        Deque<long[]> pending = new ArrayDeque<>();
        pending.push(new long[] {lo, hi});
        while (!pending.isEmpty() && !run.done()) {
            long[] span = pending.pop();
            run.checkTime();
            int count = searcher.count(LongPoint.newRangeQuery(LogFields.TIME, span[0], span[1] - 1));
            if (count == 0) {
                continue;
            }
            if (count > windowDocs && span[1] - span[0] > 1) {
                long middle = span[0] + (span[1] - span[0]) / 2;
                long[] early = {span[0], middle};
                long[] late = {middle, span[1]};
                pending.push(forward ? late : early);
                pending.push(forward ? early : late);
                continue;
            }
            window.collectRange(span[0], span[1], candidates);
            window.emit();
        }
    }

    /** The records matching {@code query}, one bit set per segment; counts them into the run. */
    private static FixedBitSet[] candidates(LogScanRun run, IndexSearcher searcher, Query query) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        FixedBitSet[] sets = new FixedBitSet[leaves.size()];
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        long total = 0;
        for (LeafReaderContext leaf : leaves) {
            FixedBitSet set = new FixedBitSet(leaf.reader().maxDoc());
            Scorer scorer = weight.scorer(leaf);
            if (scorer != null) {
                DocIdSetIterator docs = scorer.iterator();
                int seen = 0;
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    set.set(doc);
                    if ((++seen & 0xfff) == 0) {
                        run.checkTime();
                    }
                }
                total += seen;
            }
            sets[leaf.ord] = set;
        }
        run.partitionCandidates(total);
        return sets;
    }

    static DocIdSetIterator iterator(FixedBitSet set) {
        return new BitSetIterator(set, set.cardinality());
    }

    /** Smaller windows for small limits: a limited scan rarely needs more than its limit. */
    private static int windowDocs(LogScan scan) {
        return scan.limit() == 0 ? WINDOW_DOCS : (int) Math.clamp(scan.limit() * 16L, 4_096, WINDOW_DOCS);
    }

    static Duration effectiveTimeout(LogScan scan, LogStoreConfig config) {
        return scan.timeout().compareTo(config.scanMaxDuration()) < 0 ? scan.timeout() : config.scanMaxDuration();
    }
}
