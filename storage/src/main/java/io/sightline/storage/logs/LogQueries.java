package io.sightline.storage.logs;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** Turns a {@link LogSearch} into one Lucene query: every criterion is a filter clause. */
final class LogQueries {
    private static final String SERVICE_NAME = "service.name";

    private LogQueries() {
    }

    /**
     * @param resourceIds the ids of the resources having an attribute term ({@code key=value}) in
     *                    the partitions searched
     */
    static Query build(LogSearch search, Function<String, List<BytesRef>> resourceIds) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        query.add(LongPoint.newRangeQuery(LogFields.TIME, search.startNanos(), search.endNanos()), BooleanClause.Occur.FILTER);
        search.service().ifPresent(service ->
                query.add(new TermQuery(new Term(LogFields.SERVICE, service)), BooleanClause.Occur.FILTER));
        if (search.minSeverity() > 0) {
            query.add(IntPoint.newRangeQuery(LogFields.SEVERITY, search.minSeverity(), Integer.MAX_VALUE), BooleanClause.Occur.FILTER);
        }
        search.traceId().ifPresent(traceId ->
                query.add(new TermQuery(new Term(LogFields.TRACE_ID, traceId)), BooleanClause.Occur.FILTER));
        for (Map.Entry<String, String> attribute : search.attributes().entrySet()) {
            query.add(attributeQuery(attribute.getKey(), attribute.getValue(), resourceIds), BooleanClause.Occur.FILTER);
        }
        search.text().filter(text -> !text.isBlank()).ifPresent(text ->
                query.add(textQuery(text), BooleanClause.Occur.FILTER));
        return query.build();
    }

    /** A record attribute or a resource attribute with that value ({@code service.name} included). */
    private static Query attributeQuery(String key, String value, Function<String, List<BytesRef>> resourceIds) {
        String term = LogFields.attributeTerm(key, value);
        if (term == null) {
            return new MatchNoDocsQuery("attribute value longer than the indexed limit");
        }
        BooleanQuery.Builder either = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(LogFields.ATTRIBUTE, term)), BooleanClause.Occur.SHOULD)
                .add(new TermInSetQuery(LogFields.RESOURCE_ID, resourceIds.apply(term)), BooleanClause.Occur.SHOULD);
        if (key.equals(SERVICE_NAME)) {
            either.add(new TermQuery(new Term(LogFields.SERVICE, value)), BooleanClause.Occur.SHOULD);
        }
        return either.build();
    }

    /** Terms must all occur; "phrases", -exclusion, a | b and prefix* as Lucene's simple syntax. */
    private static Query textQuery(String text) {
        SimpleQueryParser parser = new SimpleQueryParser(new StandardAnalyzer(), LogFields.BODY);
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        Query parsed = parser.parse(text);
        return parsed == null ? new MatchNoDocsQuery("no searchable terms") : parsed;
    }
}
