package io.sightline.storage.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.codecs.lucene90.Lucene90StoredFieldsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdleSettlerTest {
    @TempDir
    Path dir;

    @Test
    void aQuietWriterMergesItsFlushedSegmentsOnceAndKeepsEveryDocument() throws IOException {
        IdleSettler settler = new IdleSettler();
        try (Directory directory = FSDirectory.open(dir); IndexWriter writer = new IndexWriter(directory, config())) {
            for (int batch = 0; batch < 3; batch++) {
                add(writer, settler, batch, 50);
            }
            assertThat(sources(directory)).containsExactly("flush", "flush", "flush");

            settler.settleIfIdle(writer); // documents were added since the last look: not quiet yet
            AppendOnlyMerging.awaitMerges(writer);
            writer.commit();
            assertThat(sources(directory)).containsExactly("flush", "flush", "flush");

            settler.settleIfIdle(writer); // a whole interval without a document
            AppendOnlyMerging.awaitMerges(writer);
            writer.commit();
            assertThat(sources(directory)).containsExactly("merge");
            assertThat(modes(directory)).containsExactly(Lucene90StoredFieldsFormat.Mode.BEST_COMPRESSION.name());

            add(writer, settler, 3, 20); // a new burst: only its flushed segment is merged, once quiet again
            settler.settleIfIdle(writer);
            settler.settleIfIdle(writer);
            AppendOnlyMerging.awaitMerges(writer);
            writer.commit();
            assertThat(sources(directory)).containsExactly("merge", "merge");

            settler.settleIfIdle(writer); // still quiet, nothing flushed since: no further merge
            AppendOnlyMerging.awaitMerges(writer);
            assertThat(writer.hasUncommittedChanges()).isFalse();
        }
        try (Directory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
            assertThat(reader.numDocs()).isEqualTo(170);
            List<String> ids = new ArrayList<>();
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                ids.add(reader.storedFields().document(doc).get("id"));
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(170);
        }
    }

    private static IndexWriterConfig config() {
        return new IndexWriterConfig(new StandardAnalyzer())
                .setUseCompoundFile(false)
                .setMergePolicy(AppendOnlyMerging.policy())
                .setMergeScheduler(AppendOnlyMerging.scheduler())
                .setCodec(MergeCompressingCodec.instance());
    }

    /** One flushed segment of {@code count} documents. */
    private static void add(IndexWriter writer, IdleSettler settler, int batch, int count) throws IOException {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Document document = new Document();
            document.add(new StringField("id", batch + "-" + i, Field.Store.YES));
            document.add(new StoredField("body", "request " + i + " of batch " + batch + " served in " + (i * 7) + " ms"));
            documents.add(document);
        }
        writer.addDocuments(documents);
        settler.added(documents.size());
        writer.commit();
    }

    private static List<String> sources(Directory directory) throws IOException {
        return CommittedSegments.sources(directory);
    }

    private static List<String> modes(Directory directory) throws IOException {
        List<String> modes = new ArrayList<>();
        for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
            modes.add(segment.info.getAttribute(Lucene90StoredFieldsFormat.MODE_KEY));
        }
        return modes;
    }
}
