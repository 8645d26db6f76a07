package io.sightline.storage.traces;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.lucene.document.LongRange;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene query of a search's candidate parts: parts with a span starting in the range, and for
 * every condition that has index terms, a part carrying the term (some span of it meets that
 * condition). Conditions on attribute keys that are not indexed add nothing; all are checked on the
 * candidates' spans ({@link SpanConditions}).
 */
final class TraceQueries {
    private TraceQueries() {
    }

    static Query candidates(TraceSearch search, Set<String> indexedSpanKeys, Set<String> indexedResourceKeys) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        query.add(LongRange.newIntersectsQuery(TraceFields.STARTS, new long[] {search.startNanos()},
                new long[] {search.endNanos() - 1}), BooleanClause.Occur.FILTER);
        search.service().ifPresent(service -> filter(query, TraceFields.serviceTerm(service)));
        if (search.service().isPresent() && search.operation().isPresent()) {
            filter(query, TraceFields.operationTerm(search.service().get(), search.operation().get()));
        }
        search.kind().ifPresent(kind -> filter(query, TraceFields.kindTerm(kind)));
        search.statusCode().ifPresent(status -> filter(query, TraceFields.statusTerm(status)));
        for (TraceSearch.AttributeCondition condition : search.attributes()) {
            String spanTerm = indexedSpanKeys.contains(condition.key())
                    ? TraceFields.spanAttributeTerm(condition.key(), condition.value()) : null;
            String resourceTerm = condition.key().equals("service.name") ? TraceFields.serviceTerm(condition.value())
                    : indexedResourceKeys.contains(condition.key())
                    ? TraceFields.resourceAttributeTerm(condition.key(), condition.value()) : null;
            switch (condition.scope()) {
                case SPAN -> {
                    if (spanTerm != null) {
                        filter(query, spanTerm);
                    }
                }
                case RESOURCE -> {
                    if (resourceTerm != null) {
                        filter(query, resourceTerm);
                    }
                }
                case ANY -> {
                    if (spanTerm != null && resourceTerm != null && indexable(spanTerm) && indexable(resourceTerm)) {
                        query.add(new TermInSetQuery(TraceFields.TERM, List.of(TraceFields.termBytes(spanTerm),
                                TraceFields.termBytes(resourceTerm))), BooleanClause.Occur.FILTER);
                    }
                }
            }
        }
        long minDuration = search.minSpanDuration().toNanos();
        if (minDuration > 0 && indexable(TraceFields.serviceDurationTerm(search.service().orElse(""), TraceFields.MAX_DURATION_BUCKET))) {
            List<BytesRef> buckets = new ArrayList<>();
            for (int bucket = TraceFields.durationBucket(minDuration); bucket <= TraceFields.MAX_DURATION_BUCKET; bucket++) {
                buckets.add(TraceFields.termBytes(search.service().isPresent()
                        ? TraceFields.serviceDurationTerm(search.service().get(), bucket)
                        : TraceFields.durationTerm(bucket)));
            }
            query.add(new TermInSetQuery(TraceFields.TERM, buckets), BooleanClause.Occur.FILTER);
        }
        return query.build();
    }

    /**
     * Whether a part would carry this term: longer terms are not indexed, so a condition needing one
     * is left to the check on the stored spans.
     */
    private static boolean indexable(String term) {
        return TraceFields.termBytes(term).length <= TraceFields.MAX_TERM_BYTES;
    }

    private static void filter(BooleanQuery.Builder query, String term) {
        if (!indexable(term)) {
            return;
        }
        query.add(new TermQuery(new Term(TraceFields.TERM, TraceFields.termBytes(term))), BooleanClause.Occur.FILTER);
    }
}
