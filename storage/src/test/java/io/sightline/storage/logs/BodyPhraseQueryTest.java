package io.sightline.storage.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * The search API's phrases without positions ({@link LogQueries#textQuery}) against Lucene's own
 * PhraseQuery over a body indexed with positions (format 2), on random bodies from a small vocabulary
 * (so words repeat and stand in every order). Seeded: prints its seed, replays with -Dtests.seed=.
 */
class BodyPhraseQueryTest {
    private static final String[] WORDS = {"timed", "out", "gateway", "Retry", "a", "42", "x.y", "u-17", "ok"};

    @Test
    void phrasesMatchWhatPhraseQueriesOverPositionsMatch() throws IOException {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("BodyPhraseQueryTest seed: -Dtests.seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            LogStreamCatalogue streams = new LogStreamCatalogue(new LogResources());
            List<LogRecord> records = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                records.add(new LogRecord(i, i, 9, "", text(random, 1 + random.nextInt(12), " "), "svc", Map.of(), "", "",
                        Map.of(), "", "", 0));
            }
            for (Document document : LuceneLogStore.documents(1, records,
                    java.util.stream.IntStream.range(0, records.size()).boxed().toList(), streams, LogPartition.POSITIONS_FORMAT)) {
                writer.addDocument(document);
            }
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                SimpleQueryParser lucene = new SimpleQueryParser(new StandardAnalyzer(), LogFields.BODY);
                lucene.setDefaultOperator(BooleanClause.Occur.MUST);
                for (int q = 0; q < 300; q++) {
                    String phrase = "\"" + text(random, 2 + random.nextInt(3), random.nextBoolean() ? " " : ", ") + "\""
                            + (random.nextInt(3) == 0 ? "~" + random.nextInt(4) : "");
                    assertThat(docs(searcher, LogQueries.textQuery(phrase)))
                            .as("%s (seed %d)", phrase, seed)
                            .isEqualTo(docs(searcher, lucene.parse(phrase)));
                }
            }
        }
    }

    @Test
    void aPhraseDoesNotMatchItsWordsInAnotherOrderOrApart() {
        BodyPhraseQuery.Tokens phrase = BodyPhraseQuery.tokens("timed out");
        BodyPhraseQuery exact = new BodyPhraseQuery(phrase.terms(), phrase.positions(), 0);
        assertThat(exact.occursIn("payment gateway Timed-Out after 3000 ms")).isTrue();
        assertThat(exact.occursIn("out of stock, timed retry")).isFalse();
        assertThat(exact.occursIn("timed and out")).isFalse();
        BodyPhraseQuery sloppy = new BodyPhraseQuery(phrase.terms(), phrase.positions(), 2);
        assertThat(sloppy.occursIn("out timed")).isTrue(); // a transposition costs 2, as in Lucene
        assertThat(new BodyPhraseQuery(phrase.terms(), phrase.positions(), 1).occursIn("out timed")).isFalse();
    }

    private static String text(SplittableRandom random, int words, String separator) {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            chosen.add(WORDS[random.nextInt(WORDS.length)]);
        }
        return String.join(separator, chosen);
    }

    private static TreeSet<Integer> docs(IndexSearcher searcher, Query query) throws IOException {
        TreeSet<Integer> docs = new TreeSet<>();
        for (ScoreDoc hit : searcher.search(query, 10_000).scoreDocs) {
            docs.add(hit.doc);
        }
        return docs;
    }
}
