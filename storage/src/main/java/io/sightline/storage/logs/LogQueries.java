package io.sightline.storage.logs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a {@link LogSearch} into one Lucene query: every criterion is a filter clause. Service,
 * severity and resource attributes are properties of streams, so they resolve in memory against
 * the searched partitions' stream catalogues to a set of stream ids.
 */
final class LogQueries {
    private static final String SERVICE_NAME = "service.name";

    /** A condition on a stream and its resource attributes. */
    interface StreamCondition extends BiPredicate<LogStreamDefinition, Map<String, Object>> {
    }

    private LogQueries() {
    }

    /** @param streamIds the id terms of the streams meeting a condition, in the partitions searched */
    static Query build(LogSearch search, Function<StreamCondition, List<BytesRef>> streamIds) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        query.add(timeRange(search.startNanos(), search.endNanos()), BooleanClause.Occur.FILTER);
        Optional<String> service = search.service();
        if (service.isPresent() || search.minSeverity() > 0) {
            StreamCondition condition = (stream, resource) -> service.map(stream.serviceName()::equals).orElse(true)
                    && stream.severityNumber() >= search.minSeverity();
            query.add(streamQuery(streamIds.apply(condition)), BooleanClause.Occur.FILTER);
        }
        search.traceId().ifPresent(traceId ->
                query.add(new TermQuery(new Term(LogFields.TRACE_ID, traceId)), BooleanClause.Occur.FILTER));
        for (Map.Entry<String, String> attribute : search.attributes().entrySet()) {
            query.add(attributeQuery(attribute.getKey(), attribute.getValue(), streamIds), BooleanClause.Occur.FILTER);
        }
        search.text().filter(text -> !text.isBlank()).ifPresent(text ->
                query.add(textQuery(text), BooleanClause.Occur.FILTER));
        return query.build();
    }

    /**
     * Records of these streams. Beside a rare line filter term, checking the few candidates' doc
     * values beats gathering every posting of every selected stream; Lucene picks per segment.
     */
    static Query streamQuery(List<BytesRef> streamIds) {
        if (streamIds.isEmpty()) {
            return new MatchNoDocsQuery("no stream matches");
        }
        return new IndexOrDocValuesQuery(new TermInSetQuery(LogFields.STREAM, streamIds),
                SortedDocValuesField.newSlowSetQuery(LogFields.STREAM, streamIds));
    }

    /**
     * Records whose time is in [from, to], both inclusive. Beside a selective clause the doc
     * values check the few candidates, where the points would collect every record of a range
     * that cuts a partition (millions) before the conjunction starts.
     */
    static Query timeRange(long from, long to) {
        return new IndexOrDocValuesQuery(LongPoint.newRangeQuery(LogFields.TIME, from, to),
                NumericDocValuesField.newSlowRangeQuery(LogFields.TIME, from, to));
    }

    /** A record attribute or a resource attribute with that value ({@code service.name} included). */
    private static Query attributeQuery(String key, String value, Function<StreamCondition, List<BytesRef>> streamIds) {
        String term = LogFields.attributeTerm(key, value);
        if (term == null) {
            return new MatchNoDocsQuery("attribute value longer than the indexed limit");
        }
        StreamCondition resourceHasIt = (stream, resource) -> (key.equals(SERVICE_NAME) && stream.serviceName().equals(value))
                || term.equals(LogFields.attributeTerm(key, resource.get(key)));
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(LogFields.ATTRIBUTE, term)), BooleanClause.Occur.SHOULD)
                .add(streamQuery(streamIds.apply(resourceHasIt)), BooleanClause.Occur.SHOULD)
                .build();
    }

    /**
     * Terms must all occur; "phrases", -exclusion, a | b and prefix* as Lucene's simple syntax. A
     * phrase is its terms plus a check of the stored body ({@link BodyPhraseQuery}): the body index
     * has no positions (format 3).
     */
    static Query textQuery(String text) {
        SimpleQueryParser parser = new SimpleQueryParser(new StandardAnalyzer(), LogFields.BODY) {
            @Override
            protected Query newPhraseQuery(String phrase, int slop) {
                BodyPhraseQuery.Tokens tokens = BodyPhraseQuery.tokens(phrase);
                return switch (tokens.terms().size()) {
                    case 0 -> null;
                    case 1 -> new TermQuery(new Term(LogFields.BODY, tokens.terms().getFirst()));
                    default -> new BodyPhraseQuery(tokens.terms(), tokens.positions(), slop);
                };
            }
        };
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        Query parsed = parser.parse(text);
        return parsed == null ? new MatchNoDocsQuery("no searchable terms") : parsed;
    }
}
