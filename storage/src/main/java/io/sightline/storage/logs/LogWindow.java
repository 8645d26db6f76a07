package io.sightline.storage.logs;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sightline.storage.tsdb.Labels;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IntroSorter;

/**
 * One time window of a partition scan: the candidates' doc values in parallel arrays, sorted by
 * (time, WAL index, position) in the scan's direction, then verified and handed out. Reused for
 * every window of a partition; used by one thread.
 */
final class LogWindow {
    private static final Set<String> RECORD_ONLY = Set.of(LogFields.RECORD);
    /** Reads one doc in this many of a segment's span or more: keep whole blocks decompressed. */
    private static final int DENSE_READS = 64;

    private final LogScanRun run;
    private final IndexSearcher searcher;
    private final List<LeafReaderContext> leaves;
    private final Map<Long, Labels> labels;
    private final int direction;
    private int size;
    private long[] times = new long[1024];
    private long[] wals = new long[1024];
    private long[] positions = new long[1024];
    private long[] streams = new long[1024];
    private int[] leafOrds = new int[1024];
    private int[] docs = new int[1024];
    private int[] order = new int[1024];

    LogWindow(LogScanRun run, IndexSearcher searcher, Map<Long, Labels> labels) {
        this.run = run;
        this.searcher = searcher;
        this.leaves = searcher.getIndexReader().leaves();
        this.labels = labels;
        this.direction = run.scan().direction() == LogScan.Direction.FORWARD ? 1 : -1;
    }

    /** Collects every candidate of the bit sets (one per segment). */
    void collectAll(FixedBitSet[] candidates) throws IOException {
        for (LeafReaderContext leaf : leaves) {
            Columns columns = new Columns(leaf);
            DocIdSetIterator docs = LogScanner.iterator(candidates[leaf.ord]);
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                add(leaf.ord, doc, columns);
            }
        }
        run.candidates(size);
    }

    /** Collects the records in [from, to), those in {@code candidates} only when given. */
    void collectRange(long from, long to, FixedBitSet[] candidates) throws IOException {
        Weight range = searcher.createWeight(LongPoint.newRangeQuery(LogFields.TIME, from, to - 1),
                ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : leaves) {
            Scorer scorer = range.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            Columns columns = new Columns(leaf);
            FixedBitSet set = candidates == null ? null : candidates[leaf.ord];
            DocIdSetIterator docs = scorer.iterator();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (set == null || set.get(doc)) {
                    add(leaf.ord, doc, columns);
                }
            }
        }
        run.candidates(size);
    }

    /** Sorts, verifies and hands out what was collected, then empties the window. */
    void emit() throws IOException {
        sort();
        StoredFields[] stored = new StoredFields[leaves.size()];
        int[] reads = run.readsStored() ? readsPerLeaf() : null;
        for (int i = 0; i < size && !run.done(); i++) {
            int k = order[i];
            Labels stream = labels.get(streams[k]);
            if (stream == null) {
                continue; // a stream whose definition is not durable yet (see LogStreamCatalogue)
            }
            LogRecord record = null;
            if (run.readsStored()) {
                if ((i & 0xff) == 0) {
                    run.checkTime();
                }
                int leaf = leafOrds[k];
                if (stored[leaf] == null) {
                    stored[leaf] = storedFields(leaves.get(leaf).reader(), reads[leaf], reads[leaves.size() + leaf]);
                }
                BytesRef value = stored[leaf].document(docs[k], RECORD_ONLY).getBinaryValue(LogFields.RECORD);
                run.recordRead();
                String body;
                if (run.readRecords()) {
                    record = LogRecordCodec.decode(value.bytes, value.offset, value.length, times[k]);
                    body = record.body();
                } else {
                    body = LogRecordCodec.decodeBody(value.bytes, value.offset, value.length);
                }
                if (run.verifies() && !run.passes(body)) {
                    continue;
                }
            }
            if (!run.deliver(stream, times[k], LogFields.bodyBytes(positions[k]), record)) {
                break;
            }
        }
        size = 0;
    }

    /**
     * Per segment, the records this window reads (first {@code leaves.size()} slots) and the doc id
     * span they lie in (next {@code leaves.size()}).
     */
    private int[] readsPerLeaf() {
        int n = leaves.size();
        int[] counts = new int[2 * n];
        int[] min = new int[n];
        int[] max = new int[n];
        Arrays.fill(min, Integer.MAX_VALUE);
        Arrays.fill(max, -1);
        for (int k = 0; k < size; k++) {
            int leaf = leafOrds[k];
            counts[leaf]++;
            min[leaf] = Math.min(min[leaf], docs[k]);
            max[leaf] = Math.max(max[leaf], docs[k]);
        }
        for (int leaf = 0; leaf < n; leaf++) {
            counts[n + leaf] = max[leaf] < 0 ? 0 : max[leaf] - min[leaf] + 1;
        }
        return counts;
    }

    /**
     * The stored fields of a segment for {@code reads} reads among {@code span} consecutive docs.
     * Lucene compresses stored fields in blocks (up to ~480 KB with DEFLATE in merged segments), and
     * its ordinary reader decompresses up to a sub-block of ~48 KB for every document; the reader meant
     * for merges keeps the whole decompressed block for the next documents instead. That pays when
     * the window reads at least one doc in {@value #DENSE_READS} of its span (a block holds a few
     * thousand records), and costs a whole block per read when reads are sparser.
     */
    private static StoredFields storedFields(LeafReader reader, int reads, int span) throws IOException {
        if ((long) reads * DENSE_READS >= span && reader instanceof CodecReader codec && codec.getFieldsReader() != null) {
            return codec.getFieldsReader().getMergeInstance();
        }
        return reader.storedFields();
    }

    private void add(int leaf, int doc, Columns columns) throws IOException {
        if (size == times.length) {
            grow();
        }
        times[size] = columns.value(columns.time, doc);
        wals[size] = columns.value(columns.wal, doc);
        positions[size] = columns.value(columns.position, doc);
        streams[size] = columns.streamId(doc);
        leafOrds[size] = leaf;
        docs[size] = doc;
        order[size] = size;
        size++;
    }

    private int compare(int a, int b) {
        int c = Long.compare(times[a], times[b]);
        if (c == 0) {
            c = Long.compare(wals[a], wals[b]);
        }
        if (c == 0) {
            c = Long.compare(positions[a], positions[b]);
        }
        return c * direction;
    }

    private void sort() {
        boolean sorted = true;
        for (int i = 1; i < size && sorted; i++) {
            sorted = compare(order[i - 1], order[i]) <= 0;
        }
        if (sorted) {
            return;
        }
        new IntroSorter() {
            private int pivot;

            @Override
            protected void swap(int i, int j) {
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }

            @Override
            protected void setPivot(int i) {
                pivot = order[i];
            }

            @Override
            protected int comparePivot(int j) {
                return LogWindow.this.compare(pivot, order[j]);
            }

            @Override
            protected int compare(int i, int j) {
                return LogWindow.this.compare(order[i], order[j]);
            }
        }.sort(0, size);
    }

    private void grow() {
        int length = times.length * 2;
        times = Arrays.copyOf(times, length);
        wals = Arrays.copyOf(wals, length);
        positions = Arrays.copyOf(positions, length);
        streams = Arrays.copyOf(streams, length);
        leafOrds = Arrays.copyOf(leafOrds, length);
        docs = Arrays.copyOf(docs, length);
        order = Arrays.copyOf(order, length);
    }

    /** The doc values of one segment, read forward. */
    private static final class Columns {
        final NumericDocValues time;
        final NumericDocValues wal;
        final NumericDocValues position;
        final SortedDocValues stream;
        /** Stream ids by ordinal, resolved on first use. */
        final long[] idsByOrd;
        final boolean[] resolved;

        Columns(LeafReaderContext leaf) throws IOException {
            time = DocValues.getNumeric(leaf.reader(), LogFields.TIME);
            wal = DocValues.getNumeric(leaf.reader(), LogFields.WAL_INDEX);
            position = DocValues.getNumeric(leaf.reader(), LogFields.POSITION);
            stream = DocValues.getSorted(leaf.reader(), LogFields.STREAM);
            idsByOrd = new long[stream.getValueCount()];
            resolved = new boolean[idsByOrd.length];
        }

        long streamId(int doc) throws IOException {
            if (!stream.advanceExact(doc)) {
                return 0;
            }
            int ord = stream.ordValue();
            if (!resolved[ord]) {
                idsByOrd[ord] = LogFields.streamId(stream.lookupOrd(ord));
                resolved[ord] = true;
            }
            return idsByOrd[ord];
        }

        long value(NumericDocValues values, int doc) throws IOException {
            return values.advanceExact(doc) ? values.longValue() : 0;
        }
    }
}
