package io.sightline.storage.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.sightline.storage.lucene.MergeCompressingCodec;
import org.apache.lucene.codecs.lucene90.Lucene90StoredFieldsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCodecTest {
    private static final long DAY_START = 1_795_910_400_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void flushedSegmentsUseLz4AndMergedOnesDeflateAndBothReadBackEveryRecord() throws IOException {
        LeanLogRecords generator = new LeanLogRecords(7);
        List<LogRecord> written = new ArrayList<>();
        LogStreamCatalogue streams = new LogStreamCatalogue(new LogResources());
        try (Directory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, LogPartition.writerConfig(16))) {
            for (int entry = 0; entry < 4; entry++) {
                List<LogRecord> records = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    records.add(generator.record(entry % LeanLogRecords.services(), DAY_START + written.size() + i));
                }
                written.addAll(records);
                writer.addDocuments(LuceneLogStore.documents(entry, records,
                        IntStream.range(0, records.size()).boxed().toList(), streams, LogPartition.FORMAT_VERSION));
                writer.commit(); // one flushed segment per entry
            }
            assertThat(modes(directory)).containsOnly(Lucene90StoredFieldsFormat.Mode.BEST_SPEED.name()).hasSize(4);
            assertThat(readAll(directory)).containsExactlyInAnyOrderElementsOf(written);

            writer.forceMerge(1);
            writer.commit();
        }
        try (Directory directory = FSDirectory.open(dir)) {
            SegmentInfos segments = SegmentInfos.readLatestCommit(directory);
            assertThat(segments.size()).isEqualTo(1);
            assertThat(segments.info(0).info.getCodec().getName()).isEqualTo(MergeCompressingCodec.NAME);
            assertThat(modes(directory)).containsExactly(Lucene90StoredFieldsFormat.Mode.BEST_COMPRESSION.name());
            assertThat(readAll(directory)).containsExactlyInAnyOrderElementsOf(written);
        }
    }

    private static List<String> modes(Directory directory) throws IOException {
        List<String> modes = new ArrayList<>();
        for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
            modes.add(segment.info.getAttribute(Lucene90StoredFieldsFormat.MODE_KEY));
        }
        return modes;
    }

    private static List<LogRecord> readAll(Directory directory) throws IOException {
        List<LogRecord> records = new ArrayList<>();
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                StoredFields stored = leaf.reader().storedFields();
                NumericDocValues times = leaf.reader().getNumericDocValues(LogFields.TIME);
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    BytesRef bytes = stored.document(doc).getBinaryValue(LogFields.RECORD);
                    if (bytes != null) { // stream and resource definitions carry none
                        assertThat(times.advanceExact(doc)).isTrue();
                        records.add(LogRecordCodec.decode(bytes.bytes, bytes.offset, bytes.length, times.longValue()));
                    }
                }
            }
        }
        return records;
    }
}
