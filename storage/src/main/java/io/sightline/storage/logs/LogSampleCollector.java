package io.sightline.storage.logs;

import java.io.IOException;

import io.sightline.storage.tsdb.Labels;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * The metric-query fast path of a partition scan: when nothing is read or verified and no limit
 * applies, each segment's matches go to the sink in doc order straight from the doc values, with
 * no window to collect and sort, and each stream's labels found by its ordinal in the segment.
 */
final class LogSampleCollector {
    private LogSampleCollector() {
    }

    static void collect(LogScanRun run, IndexSearcher searcher, PartitionQuery planned) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(planned.query()), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            if (run.done()) {
                return;
            }
            Scorer scorer = weight.scorer(leaf);
            if (scorer != null && !collectLeaf(run, leaf, scorer.iterator(), planned)) {
                return;
            }
        }
    }

    private static boolean collectLeaf(LogScanRun run, LeafReaderContext leaf, DocIdSetIterator docs,
                                       PartitionQuery planned) throws IOException {
        NumericDocValues time = DocValues.getNumeric(leaf.reader(), LogFields.TIME);
        NumericDocValues position = DocValues.getNumeric(leaf.reader(), LogFields.POSITION);
        SortedDocValues stream = DocValues.getSorted(leaf.reader(), LogFields.STREAM);
        Labels[] labelsByOrd = new Labels[stream.getValueCount()];
        boolean[] resolved = new boolean[labelsByOrd.length];
        int candidates = 0;
        try {
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if ((++candidates & 0xfff) == 0) {
                    run.checkTime();
                }
                if (!stream.advanceExact(doc)) {
                    continue;
                }
                int ord = stream.ordValue();
                if (!resolved[ord]) {
                    labelsByOrd[ord] = planned.labels().get(LogFields.streamId(stream.lookupOrd(ord)));
                    resolved[ord] = true;
                }
                Labels labels = labelsByOrd[ord];
                if (labels == null) {
                    continue; // not selected, or a stream whose definition is not durable yet
                }
                long nanos = time.advanceExact(doc) ? time.longValue() : 0;
                long packed = position.advanceExact(doc) ? position.longValue() : 0;
                if (!run.deliver(labels, nanos, LogFields.bodyBytes(packed), null)) {
                    return false;
                }
            }
            return true;
        } finally {
            run.candidates(candidates);
        }
    }
}
