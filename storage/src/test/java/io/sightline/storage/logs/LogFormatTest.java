package io.sightline.storage.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import io.sightline.storage.ManualClock;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partitions of format 2 (body with positions) are read and written on as they are; new ones get format 3. */
class LogFormatTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aFormat2PartitionKeepsItsBodyWithPositionsAndNewPartitionsHaveNone() throws IOException {
        Path today = dir.resolve("2026-11-29");
        try (Directory directory = FSDirectory.open(today);
             // as a build before format 3 wrote it: Lucene's default codec, the body with positions
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            writer.addDocuments(LuceneLogStore.documents(1, List.of(record(NOW, "payment gateway timed out"),
                    record(NOW, "out of time, timed retry")), List.of(0, 1),
                    new LogStreamCatalogue(new LogResources()), LogPartition.POSITIONS_FORMAT));
            writer.setLiveCommitData(Map.of(LogPartition.WAL_INDEX, "1", LogPartition.FORMAT, "2").entrySet());
            writer.commit();
        }
        LogStoreConfig config = new LogStoreConfig(dir, Duration.ofMinutes(10), Duration.ofMinutes(10), 2, 16,
                Duration.ofDays(7), 0);
        try (LuceneLogStore store = LuceneLogStore.open(config, new ManualClock(NOW))) {
            assertThat(store.durableWalIndex()).isEqualTo(1);
            store.append(2, List.of(record(NOW, "gateway timed out again"), record(NOW.minus(Duration.ofDays(1)),
                    "yesterday the gateway timed out")));
            store.commit();
            store.refresh();
            assertThat(bodies(store, "\"timed out\"")).containsExactlyInAnyOrder("payment gateway timed out",
                    "gateway timed out again", "yesterday the gateway timed out");
            assertThat(bodies(store, "\"out timed\"")).isEmpty();
            assertThat(bodies(store, "timed out")).hasSize(4);
        }
        try (LuceneLogStore store = LuceneLogStore.open(config, new ManualClock(NOW))) {
            store.refresh();
            assertThat(bodies(store, "\"timed out\"")).hasSize(3);
        }
        assertThat(bodyOptions(today)).isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        assertThat(committedFormat(today)).isEqualTo("2");
        assertThat(bodyOptions(dir.resolve("2026-11-28"))).isEqualTo(IndexOptions.DOCS);
        assertThat(committedFormat(dir.resolve("2026-11-28"))).isEqualTo("3");
    }

    private static List<String> bodies(LuceneLogStore store, String text) {
        long now = NOW.getEpochSecond() * 1_000_000_000L;
        return store.search(new LogSearch(now - 2 * 86_400_000_000_000L, now + 1, Optional.empty(), 0, Optional.empty(),
                Map.of(), Optional.of(text), 100, Optional.empty(), Duration.ofSeconds(10)))
                .records().stream().map(LogRecord::body).toList();
    }

    private static IndexOptions bodyOptions(Path partition) throws IOException {
        try (Directory directory = FSDirectory.open(partition); DirectoryReader reader = DirectoryReader.open(directory)) {
            return FieldInfos.getMergedFieldInfos(reader).fieldInfo(LogFields.BODY).getIndexOptions();
        }
    }

    private static String committedFormat(Path partition) throws IOException {
        try (Directory directory = FSDirectory.open(partition)) {
            return DirectoryReader.listCommits(directory).getLast().getUserData().get(LogPartition.FORMAT);
        }
    }

    private static LogRecord record(Instant time, String body) {
        long nanos = time.getEpochSecond() * 1_000_000_000L;
        return new LogRecord(nanos, nanos, 9, "", body, "svc", Map.of("host.name", "node-1"), "", "", Map.of(), "", "", 0);
    }
}
