package io.sightline.storage.traces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;

/**
 * Trace search: candidate parts from the index ({@link TraceQueries}), read newest first by their
 * first span start, each checked span by span ({@link SpanConditions}); a trace with a matching span
 * is assembled whole from its partition and the days either side ({@link TraceLookup}) for its
 * summary and the trace duration bounds.
 *
 * <p>Newest first by the trace's start, exactly: a trace's start is at or before the first start of
 * any of its parts, so once {@code limit} accepted traces start after the part being read, no part
 * still unread can beat them and the search stops.
 */
final class TraceSearcher {
    private static final Sort NEWEST_PART_FIRST = new Sort(new SortField(TraceFields.START, SortField.Type.LONG, true));
    private static final int FIRST_PAGE = 256;
    private static final int LARGEST_PAGE = 65_536;
    private static final int MAX_MATCHED_SPAN_IDS = 10;
    static final Comparator<TraceSummary> NEWEST_TRACE_FIRST = Comparator.comparingLong(TraceSummary::startNanos)
            .reversed().thenComparing(TraceSummary::traceId);

    private final TracePartitions partitions;
    private final TraceStoreConfig config;

    TraceSearcher(TracePartitions partitions, TraceStoreConfig config) {
        this.partitions = partitions;
        this.config = config;
    }

    List<TraceSummary> search(TraceSearch search) {
        if (search.endNanos() <= search.startNanos()) {
            return List.of();
        }
        LocalDate first = TracePartitions.dayOf(search.startNanos());
        LocalDate last = TracePartitions.dayOf(search.endNanos() - 1);
        return partitions.read(first.minusDays(1), last.plusDays(1), all -> new Run(search, all, first, last).run());
    }

    /** One search's state. */
    private final class Run implements TraceLookup.PartCounter {
        private final TraceSearch search;
        private final List<TracePartition> all;
        private final LocalDate first;
        private final LocalDate last;
        private final SpanConditions conditions;
        private final Query query;
        private final boolean hasTraceBounds;
        private final long deadline;
        private final String budgetName;
        private final Duration budget;
        private final Set<String> evaluated = new HashSet<>();
        private final Map<String, TraceSummary> accepted = new HashMap<>();
        /** The starts of the newest {@code limit} accepted traces; its head is the oldest of them. */
        private final PriorityQueue<Long> newestStarts = new PriorityQueue<>();
        private long partsRead;

        Run(TraceSearch search, List<TracePartition> all, LocalDate first, LocalDate last) {
            this.search = search;
            this.all = all;
            this.first = first;
            this.last = last;
            this.conditions = new SpanConditions(search);
            this.hasTraceBounds = !search.minTraceDuration().isZero() || !search.maxTraceDuration().isZero();
            this.query = TraceQueries.candidates(search, config.indexedSpanAttributes(), config.indexedResourceAttributes());
            boolean capped = search.timeout().compareTo(config.searchMaxDuration()) > 0;
            this.budget = capped ? config.searchMaxDuration() : search.timeout();
            this.budgetName = capped ? "searchMaxDuration" : "timeout";
            this.deadline = System.nanoTime() + budget.toNanos();
        }

        List<TraceSummary> run() {
            List<TracePartition> touched = new ArrayList<>();
            for (TracePartition partition : all) {
                if (!partition.day().isBefore(first) && !partition.day().isAfter(last)) {
                    touched.add(partition);
                }
            }
            for (TracePartition partition : touched.reversed()) {
                long latestStart = Math.min(search.endNanos() - 1, TracePartitions.startOf(partition.day().plusDays(1)) - 1);
                if (done(latestStart) || !searchPartition(partition)) {
                    break;
                }
            }
            List<TraceSummary> result = new ArrayList<>(accepted.values());
            result.sort(NEWEST_TRACE_FIRST);
            return result.size() > search.limit() ? List.copyOf(result.subList(0, search.limit())) : result;
        }

        @Override
        public void partRead() {
            if (++partsRead > config.searchMaxPartsRead()) {
                throw new TraceSearchException("searchMaxPartsRead", "trace search would read more than "
                        + config.searchMaxPartsRead() + " stored trace parts (searchMaxPartsRead); narrow the time range or add an indexed condition");
            }
        }

        /** Searches one partition; false when the search is complete. */
        private boolean searchPartition(TracePartition partition) {
            IndexSearcher acquired = partition.acquire();
            try {
                // A searcher of its own: the timeout and its timed-out flag must not be shared with
                // other reads of the partition's current searcher.
                IndexSearcher searcher = new IndexSearcher(acquired.getIndexReader());
                StoredFields stored = searcher.storedFields();
                FieldDoc after = null;
                int page = FIRST_PAGE;
                while (true) {
                    searcher.setTimeout(new QueryTimeoutImpl(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                    TopDocs top = searcher.searchAfter(after, query, page, NEWEST_PART_FIRST);
                    if (searcher.timedOut()) {
                        throw timeout();
                    }
                    for (ScoreDoc hit : top.scoreDocs) {
                        long partStart = (Long) ((FieldDoc) hit).fields[0];
                        if (done(partStart)) {
                            return false;
                        }
                        if (System.nanoTime() > deadline) {
                            throw timeout();
                        }
                        examine(partition, stored, hit.doc);
                    }
                    if (top.scoreDocs.length < page) {
                        return true;
                    }
                    after = (FieldDoc) top.scoreDocs[top.scoreDocs.length - 1];
                    page = Math.min(LARGEST_PAGE, page * 4);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("trace search failed in " + partition.path(), e);
            } finally {
                partition.release(acquired);
            }
        }

        private void examine(TracePartition partition, StoredFields stored, int doc) throws IOException {
            partRead();
            List<SpanRecord> spans = TraceLookup.decode(stored, doc, partition);
            if (spans.isEmpty() || evaluated.contains(spans.getFirst().traceId())) {
                return;
            }
            boolean matched = false;
            for (SpanRecord span : spans) {
                if (conditions.matches(span)) {
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                return;
            }
            String traceId = spans.getFirst().traceId();
            evaluated.add(traceId);
            List<TracePartition> near = neighbours(partition.day());
            if (hasTraceBounds) {
                // The trace's extent from doc values first: most candidates of a trace duration bound
                // fail it, and this spares reading their spans.
                long[] extent = TraceLookup.extent(near, traceId);
                if (extent != null && !conditions.traceMatches(Math.max(0, extent[1] - extent[0]))) {
                    return;
                }
            }
            TraceSummary summary = summarize(traceId, TraceLookup.spans(near, traceId, this));
            if (summary != null) {
                accepted.put(traceId, summary);
                newestStarts.add(summary.startNanos());
                if (newestStarts.size() > search.limit()) {
                    newestStarts.poll();
                }
            }
        }

        /** Whether no part starting at or before {@code partStart} can change the result. */
        private boolean done(long partStart) {
            return newestStarts.size() == search.limit() && newestStarts.peek() > partStart;
        }

        private List<TracePartition> neighbours(LocalDate day) {
            List<TracePartition> near = new ArrayList<>(3);
            for (TracePartition partition : all) {
                if (!partition.day().isBefore(day.minusDays(1)) && !partition.day().isAfter(day.plusDays(1))) {
                    near.add(partition);
                }
            }
            return near;
        }

        /** The summary of a trace with a matching span, or null when it misses the trace duration bounds. */
        private TraceSummary summarize(String traceId, List<SpanRecord> spans) {
            long start = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            SpanRecord root = null;
            int errors = 0;
            Set<String> services = new TreeSet<>();
            List<String> matched = new ArrayList<>();
            for (SpanRecord span : spans) {
                start = Math.min(start, span.startNanos());
                end = Math.max(end, span.endNanos());
                if (span.isRoot() && root == null) {
                    root = span;
                }
                if (span.statusCode() == SpanRecord.STATUS_ERROR) {
                    errors++;
                }
                services.add(span.serviceName());
                if (matched.size() < MAX_MATCHED_SPAN_IDS && conditions.matches(span)) {
                    matched.add(span.spanId());
                }
            }
            if (spans.isEmpty() || !conditions.traceMatches(Math.max(0, end - start))) {
                return null;
            }
            return new TraceSummary(traceId, start, end, root == null ? "" : root.serviceName(),
                    root == null ? "" : root.name(), spans.size(), errors, List.copyOf(services), matched);
        }

        private TraceSearchException timeout() {
            return new TraceSearchException(budgetName, "trace search ran longer than " + budget + " (" + budgetName + ")");
        }
    }
}
