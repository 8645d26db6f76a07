package io.sightline.storage.traces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Reads every stored part of a trace from some partitions: one term look-up per segment, then the
 * parts' stored bytes. A trace's spans that arrived within one refresh are one part, so a trace is
 * usually a handful of documents.
 */
final class TraceLookup {
    static final Comparator<SpanRecord> BY_START = Comparator.comparingLong(SpanRecord::startNanos)
            .thenComparing(SpanRecord::spanId);
    private static final Set<String> PART_ONLY = Set.of(TraceFields.PART);

    /** Counts decoded parts, for a search's {@code searchMaxPartsRead}. */
    interface PartCounter {
        void partRead();
    }

    private TraceLookup() {
    }

    /** The stored spans of the trace in {@code partitions}, by start then span id. */
    static List<SpanRecord> spans(List<TracePartition> partitions, String traceId, PartCounter counter) {
        BytesRef term = new BytesRef(SpanIds.traceTerm(traceId));
        List<SpanRecord> spans = new ArrayList<>();
        for (TracePartition partition : partitions) {
            IndexSearcher searcher = partition.acquire();
            try {
                collect(searcher, term, partition, spans, counter);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read trace " + traceId + " from " + partition.path(), e);
            } finally {
                partition.release(searcher);
            }
        }
        spans.sort(BY_START);
        return spans;
    }

    private static void collect(IndexSearcher searcher, BytesRef term, TracePartition partition, List<SpanRecord> spans,
                                PartCounter counter) throws IOException {
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            LeafReader reader = leaf.reader();
            Terms terms = reader.terms(TraceFields.TRACE);
            if (terms == null) {
                continue;
            }
            TermsEnum termsEnum = terms.iterator();
            if (!termsEnum.seekExact(term)) {
                continue;
            }
            PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
            Bits live = reader.getLiveDocs();
            StoredFields stored = reader.storedFields();
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                counter.partRead();
                spans.addAll(decode(stored, doc, partition));
            }
        }
    }

    /**
     * The first start and last end of the trace's stored spans in {@code partitions}, from doc values
     * alone (no stored span is read); null when none is stored.
     */
    static long[] extent(List<TracePartition> partitions, String traceId) {
        BytesRef term = new BytesRef(SpanIds.traceTerm(traceId));
        long[] extent = {Long.MAX_VALUE, Long.MIN_VALUE};
        for (TracePartition partition : partitions) {
            IndexSearcher searcher = partition.acquire();
            try {
                for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                    LeafReader reader = leaf.reader();
                    Terms terms = reader.terms(TraceFields.TRACE);
                    if (terms == null) {
                        continue;
                    }
                    TermsEnum termsEnum = terms.iterator();
                    if (!termsEnum.seekExact(term)) {
                        continue;
                    }
                    PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
                    NumericDocValues starts = reader.getNumericDocValues(TraceFields.START);
                    NumericDocValues ends = reader.getNumericDocValues(TraceFields.END);
                    Bits live = reader.getLiveDocs();
                    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        if (live != null && !live.get(doc)) {
                            continue;
                        }
                        if (starts != null && starts.advanceExact(doc)) {
                            extent[0] = Math.min(extent[0], starts.longValue());
                        }
                        if (ends != null && ends.advanceExact(doc)) {
                            extent[1] = Math.max(extent[1], ends.longValue());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read trace " + traceId + " from " + partition.path(), e);
            } finally {
                partition.release(searcher);
            }
        }
        return extent[0] == Long.MAX_VALUE ? null : extent;
    }

    /** The spans of one stored part. */
    static List<SpanRecord> decode(StoredFields stored, int doc, TracePartition partition) throws IOException {
        BytesRef bytes = stored.document(doc, PART_ONLY).getBinaryValue(TraceFields.PART);
        return TracePartCodec.decode(bytes.bytes, bytes.offset, bytes.length, partition.resources()::byId).spans();
    }
}
