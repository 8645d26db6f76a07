package io.sightline.storage.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sightline.storage.tsdb.Labels;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * What a scan asks of one day partition: the selected streams' labels by id, the time range cut to
 * the day, and the Lucene query (selected streams, when not all; pushed-down line filters; time).
 *
 * @param labels     labels of the selected streams, by stream id
 * @param from       first nanosecond of the range within the day
 * @param to         end of the range within the day, exclusive
 * @param query      the conjunction above, time included
 * @param restricted whether the query selects less than the whole time range
 */
record PartitionQuery(Map<Long, Labels> labels, long from, long to, Query query, boolean restricted) {
    private static final long DAY_NANOS = 86_400_000_000_000L;

    /** The partition's query, or null when none of its streams is selected. Counts it into the run. */
    static PartitionQuery plan(LogScanRun run, LogPartition partition) {
        LogScan scan = run.scan();
        List<LogStreamDefinition> selected = partition.streams().select(scan.matchers());
        if (selected.isEmpty()) {
            return null;
        }
        long dayStart = partition.day().toEpochDay() * DAY_NANOS;
        long from = Math.max(scan.startNanos(), dayStart);
        long to = Math.min(scan.endNanos(), dayStart + DAY_NANOS);
        Map<Long, Labels> labels = new HashMap<>();
        List<BytesRef> ids = new ArrayList<>(selected.size());
        for (LogStreamDefinition stream : selected) {
            labels.put(stream.id(), stream.labels());
            ids.add(LogFields.streamTerm(stream.id()));
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean restricted = false;
        if (selected.size() < partition.streams().size()) {
            query.add(LogQueries.streamQuery(ids), BooleanClause.Occur.FILTER);
            restricted = true;
        }
        Optional<Query> pushed = run.pushdown();
        if (pushed.isPresent()) {
            query.add(pushed.get(), BooleanClause.Occur.FILTER);
            restricted = true;
        }
        query.add(LogQueries.timeRange(from, to - 1), BooleanClause.Occur.FILTER);
        Query built = query.build();
        run.searched(selected.size(), built.toString());
        return new PartitionQuery(labels, from, to, built, restricted);
    }
}
