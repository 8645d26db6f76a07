package io.sightline.storage.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * A phrase of the search API's text query ({@code "timed out"}) on the body, without positions in the
 * index: the records holding every term of the phrase are candidates, and each candidate's body (from
 * the stored record) is tokenized again by the body's analyzer and must hold the terms at the phrase's
 * relative positions. With a slop ({@code "a b"~2}) the terms may stand apart or out of order as
 * Lucene's sloppy phrase allows: at distinct positions whose offsets from the phrase's differ by at
 * most the slop. So the answer is what a PhraseQuery over positions gave, in partitions written with
 * positions (format 2) or without (format 3) alike. Each candidate costs a stored-record read.
 */
final class BodyPhraseQuery extends Query {
    private static final Set<String> RECORD_ONLY = Set.of(LogFields.RECORD);
    /** Reading and tokenizing a stored body: far more than advancing a postings list. */
    private static final float MATCH_COST = 10_000;
    private static final Analyzer ANALYZER = new StandardAnalyzer();

    private final String[] terms;
    private final int[] positions;
    private final int slop;

    /** @param terms the phrase's analysed terms; @param positions their positions, ascending from 0 */
    BodyPhraseQuery(List<String> terms, List<Integer> positions, int slop) {
        this.terms = terms.toArray(String[]::new);
        this.positions = positions.stream().mapToInt(Integer::intValue).toArray();
        this.slop = slop;
    }

    /** The body's tokens as the index holds them, with their positions; same for the phrase text. */
    static Tokens tokens(String text) {
        List<String> terms = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream(LogFields.BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                terms.add(term.toString());
                positions.add(position);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Tokens(terms, positions);
    }

    /** Analysed terms and their positions. */
    record Tokens(List<String> terms, List<Integer> positions) {
    }

    /** Whether {@code body} holds the phrase. */
    boolean occursIn(String body) {
        Tokens tokens = tokens(body);
        String[] bodyTerms = tokens.terms().toArray(String[]::new);
        int[] bodyPositions = tokens.positions().stream().mapToInt(Integer::intValue).toArray();
        return place(0, bodyTerms, bodyPositions, new int[terms.length], Integer.MAX_VALUE, Integer.MIN_VALUE);
    }

    /**
     * Places phrase term {@code i} and the ones after it on body tokens: at distinct tokens, with every
     * (body position - phrase position) within {@code slop} of each other (all equal without slop).
     */
    private boolean place(int i, String[] bodyTerms, int[] bodyPositions, int[] used, int minOffset, int maxOffset) {
        if (i == terms.length) {
            return true;
        }
        for (int t = 0; t < bodyTerms.length; t++) {
            if (!bodyTerms[t].equals(terms[i]) || usedBefore(used, i, t)) {
                continue;
            }
            int offset = bodyPositions[t] - positions[i];
            int min = Math.min(minOffset, offset);
            int max = Math.max(maxOffset, offset);
            if (max - min > slop) {
                continue;
            }
            used[i] = t;
            if (place(i + 1, bodyTerms, bodyPositions, used, min, max)) {
                return true;
            }
        }
        return false;
    }

    private static boolean usedBefore(int[] used, int count, int token) {
        for (int j = 0; j < count; j++) {
            if (used[j] == token) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String term : terms) {
            all.add(new TermQuery(new Term(LogFields.BODY, term)), BooleanClause.Occur.FILTER);
        }
        Weight candidates = searcher.createWeight(searcher.rewrite(all.build()), ScoreMode.COMPLETE_NO_SCORES, 1f);
        return new ConstantScoreWeight(this, boost) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                ScorerSupplier inner = candidates.scorerSupplier(context);
                if (inner == null) {
                    return null;
                }
                StoredFields stored = context.reader().storedFields();
                float score = score();
                return new ScorerSupplier() {
                    @Override
                    public Scorer get(long leadCost) throws IOException {
                        DocIdSetIterator approximation = inner.get(leadCost).iterator();
                        return new ConstantScoreScorer(score, scoreMode, new TwoPhaseIterator(approximation) {
                            @Override
                            public boolean matches() throws IOException {
                                BytesRef record = stored.document(approximation.docID(), RECORD_ONLY)
                                        .getBinaryValue(LogFields.RECORD);
                                return record != null
                                        && occursIn(LogRecordCodec.decodeBody(record.bytes, record.offset, record.length));
                            }

                            @Override
                            public float matchCost() {
                                return MATCH_COST;
                            }
                        });
                    }

                    @Override
                    public long cost() {
                        return inner.cost();
                    }
                };
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return true; // segments are immutable, and so is what the phrase matches in them
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(LogFields.BODY)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public String toString(String field) {
        String prefix = field.equals(LogFields.BODY) ? "" : LogFields.BODY + ":";
        return prefix + "\"" + String.join(" ", terms) + "\"" + (slop > 0 ? "~" + slop : "") + "(verified)";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && other instanceof BodyPhraseQuery that && Arrays.equals(terms, that.terms)
                && Arrays.equals(positions, that.positions) && slop == that.slop;
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), Arrays.hashCode(terms), Arrays.hashCode(positions), slop);
    }
}
