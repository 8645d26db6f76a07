package io.sightline.storage.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.sightline.storage.ManualClock;
import io.sightline.storage.lucene.CommittedSegments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneLogStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(NOW);

    @Test
    void findsRecordsByEveryCriterionNewestFirst() {
        try (LuceneLogStore store = LuceneLogStore.open(config(), clock)) {
            store.append(1, List.of(
                    record(NOW.minusSeconds(30), 9, "checkout", "order 1234 accepted for user alice", Map.of("http.route", "/orders"), "0af7651916cd43dd8448eb211c80319c"),
                    record(NOW.minusSeconds(20), 17, "checkout", "payment gateway timed out after 3000 ms", Map.of("http.route", "/pay"), ""),
                    record(NOW.minusSeconds(10), 13, "inventory", "stock low for sku 42", Map.of("warehouse", "east"), "")));
            store.refresh();

            assertThat(bodies(store.search(search().build()))).containsExactly(
                    "stock low for sku 42", "payment gateway timed out after 3000 ms", "order 1234 accepted for user alice");
            assertThat(bodies(store.search(search().service("checkout").build()))).hasSize(2);
            assertThat(bodies(store.search(search().minSeverity(13).build())))
                    .containsExactly("stock low for sku 42", "payment gateway timed out after 3000 ms");
            assertThat(bodies(store.search(search().traceId("0af7651916cd43dd8448eb211c80319c").build())))
                    .containsExactly("order 1234 accepted for user alice");
            assertThat(bodies(store.search(search().attribute("http.route", "/pay").build())))
                    .containsExactly("payment gateway timed out after 3000 ms");
            assertThat(bodies(store.search(search().attribute("host.name", "node-1").build()))).hasSize(3);
            assertThat(bodies(store.search(search().attribute("service.name", "inventory").build())))
                    .containsExactly("stock low for sku 42");
            assertThat(bodies(store.search(search().text("\"timed out\"").build())))
                    .containsExactly("payment gateway timed out after 3000 ms");
            assertThat(bodies(store.search(search().text("order alice").build())))
                    .containsExactly("order 1234 accepted for user alice");
            assertThat(bodies(store.search(search().text("out order").build()))).isEmpty();
            assertThat(bodies(store.search(search().range(NOW.minusSeconds(25), NOW.minusSeconds(15)).build())))
                    .containsExactly("payment gateway timed out after 3000 ms");
        }
    }

    @Test
    void storedRecordsComeBackWhole() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("s", "text");
        attributes.put("l", 42L);
        attributes.put("d", 1.5);
        attributes.put("b", true);
        attributes.put("bytes", new byte[] {1, 2, 3});
        attributes.put("list", List.of("a", 1L));
        attributes.put("map", Map.of("nested", false));
        LogRecord original = new LogRecord(NOW.toEpochMilli() * 1_000_000 + 123, NOW.toEpochMilli() * 1_000_000 + 456, 21,
                "FATAL", "{\"structured\":true}", "api", Map.of("host.name", "h"), "scope", "1.0", attributes,
                "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", 1);
        try (LuceneLogStore store = LuceneLogStore.open(config(), clock)) {
            store.append(7, List.of(original));
            store.refresh();
            LogRecord found = store.search(search().build()).records().getFirst();
            assertThat(found).usingRecursiveComparison().isEqualTo(original);
        }
    }

    @Test
    void pagesWithCursorsVisitEveryRecordOnce() {
        try (LuceneLogStore store = LuceneLogStore.open(config(), clock)) {
            for (int entry = 0; entry < 10; entry++) {
                List<LogRecord> records = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    // Many records share a timestamp: ties are ordered by WAL index and position.
                    records.add(record(NOW.minusSeconds(i % 3), 9, "svc", "entry " + entry + " record " + i, Map.of(), ""));
                }
                store.append(entry, records);
            }
            store.refresh();
            Set<String> seen = new HashSet<>();
            Optional<String> cursor = Optional.empty();
            int pages = 0;
            do {
                LogPage page = store.search(search().limit(40).cursor(cursor).build());
                assertThat(page.scanned()).isEqualTo(250);
                for (LogRecord record : page.records()) {
                    assertThat(seen.add(record.body())).as("seen once: %s", record.body()).isTrue();
                }
                cursor = page.nextCursor();
                pages++;
            } while (cursor.isPresent());
            assertThat(seen).hasSize(250);
            assertThat(pages).isEqualTo(7);
        }
    }

    @Test
    void restartResumesAfterTheCommittedIndexAndReplaysWithoutDuplicates() throws Exception {
        LuceneLogStore store = LuceneLogStore.open(config(), clock);
        for (long entry = 1; entry <= 5; entry++) {
            store.append(entry, List.of(record(NOW, 9, "svc", "entry " + entry, Map.of(), "")));
        }
        store.commit();
        assertThat(store.durableWalIndex()).isEqualTo(5);
        store.append(6, List.of(record(NOW, 9, "svc", "entry 6", Map.of(), "")));
        store.close();

        try (LuceneLogStore reopened = LuceneLogStore.open(config(), clock)) {
            assertThat(reopened.durableWalIndex()).isEqualTo(6);
            // A replay of entries already stored changes nothing.
            for (long entry = 1; entry <= 6; entry++) {
                reopened.append(entry, List.of(record(NOW, 9, "svc", "entry " + entry, Map.of(), "")));
            }
            reopened.append(7, List.of(record(NOW, 9, "svc", "entry 7", Map.of(), "")));
            reopened.refresh();
            assertThat(reopened.search(search().limit(100).build()).scanned()).isEqualTo(7);
        }
    }

    @Test
    void resourceAttributesAreSearchableAfterARestartAndRecordsKeepTheirResource() {
        Map<String, Object> east = Map.of("host.name", "node-1", "region", "east");
        Map<String, Object> west = Map.of("host.name", "node-2", "region", "west");
        try (LuceneLogStore store = LuceneLogStore.open(config(), clock)) {
            store.append(1, List.of(withResource("from east", east), withResource("from west", west),
                    withResource("east again", east)));
            store.append(2, List.of(withResource("no resource", Map.of())));
        }
        try (LuceneLogStore store = LuceneLogStore.open(config(), clock)) {
            store.append(3, List.of(withResource("east after restart", east)));
            store.refresh();
            assertThat(bodies(store.search(search().attribute("region", "east").build())))
                    .containsExactlyInAnyOrder("from east", "east again", "east after restart");
            assertThat(store.search(search().attribute("host.name", "node-2").build()).records())
                    .singleElement().satisfies(record -> assertThat(record.resource()).isEqualTo(west));
            assertThat(bodies(store.search(search().attribute("region", "north").build()))).isEmpty();
            assertThat(store.search(search().limit(100).build()).scanned()).isEqualTo(5);
            assertThat(store.recordCount()).isEqualTo(5);
        }
    }

    private static LogRecord withResource(String body, Map<String, Object> resource) {
        long nanos = NOW.getEpochSecond() * 1_000_000_000L;
        return new LogRecord(nanos, nanos, 9, "", body, "svc", resource, "", "", Map.of(), "", "", 0);
    }

    @Test
    void recordsBeforeTheRetentionWindowAreDroppedAndOldPartitionsDeleted() {
        try (LuceneLogStore store = LuceneLogStore.open(config(), clock)) {
            store.append(1, List.of(record(NOW.minus(Duration.ofDays(30)), 9, "svc", "ancient", Map.of(), "")));
            store.append(2, List.of(record(NOW.minus(Duration.ofDays(2)), 9, "svc", "two days ago", Map.of(), "")));
            store.append(3, List.of(record(NOW, 9, "svc", "today", Map.of(), "")));
            store.commit();
            assertThat(store.droppedTooOld()).isEqualTo(1);
            assertThat(store.partitionCount()).isEqualTo(2);

            clock.advance(Duration.ofDays(6));
            store.applyRetention();
            assertThat(store.partitionCount()).isEqualTo(1);
            assertThat(dir.resolve("2026-11-27")).doesNotExist();
            store.refresh();
            assertThat(bodies(store.search(search().range(NOW.minus(Duration.ofDays(10)), NOW.plusSeconds(1)).build())))
                    .containsExactly("today");
            assertThat(store.durableWalIndex()).isEqualTo(3);
        }
    }

    @Test
    void aPartitionThatWentQuietHasItsFlushedSegmentsMergedAndKeepsEveryRecord() throws Exception {
        try (LuceneLogStore store = LuceneLogStore.open(config(), clock)) {
            for (int entry = 0; entry < 3; entry++) {
                store.append(entry, List.of(record(NOW.minusSeconds(entry), 9, "svc", "entry " + entry, Map.of(), "")));
                store.refresh(); // a flushed segment per entry
            }
            store.commit(); // records arrived since the last commit: not quiet
            store.awaitMerges();
            store.commit();
            assertThat(segmentSources()).containsOnly("flush").hasSize(3);
            store.commit(); // a whole interval without a record: the flushed segments merge
            store.awaitMerges();
            store.commit();
            assertThat(segmentSources()).containsExactly("merge");
            store.refresh();
            assertThat(store.search(search().build()).records()).extracting(LogRecord::body)
                    .containsExactly("entry 0", "entry 1", "entry 2");
        }
    }

    @Test
    void badCursorsAreRejectedByName() {
        try (LuceneLogStore store = LuceneLogStore.open(config(), clock)) {
            assertThatThrownBy(() -> store.search(search().cursor(Optional.of("nope")).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid cursor 'nope'");
        }
    }

    @Test
    void emptyDirectoryStartsEmpty() throws Exception {
        try (LuceneLogStore store = LuceneLogStore.open(config(), clock)) {
            assertThat(store.durableWalIndex()).isEqualTo(-1);
            assertThat(store.search(search().build()).records()).isEmpty();
        }
        assertThat(Files.list(dir).count()).isZero();
    }

    /** The committed segments' sources ("flush", "merge") of the one partition, today's. */
    private List<String> segmentSources() throws Exception {
        return CommittedSegments.sources(dir.resolve(NOW.atZone(ZoneOffset.UTC).toLocalDate().toString()));
    }

    private LogStoreConfig config() {
        return new LogStoreConfig(dir, Duration.ofMinutes(10), Duration.ofMinutes(10), 2, 16, Duration.ofDays(7), 0);
    }

    private static LogRecord record(Instant time, int severity, String service, String body, Map<String, Object> attributes,
                                    String traceId) {
        long nanos = time.getEpochSecond() * 1_000_000_000L + time.getNano();
        return new LogRecord(nanos, nanos, severity, "", body, service, Map.of("host.name", "node-1"), "", "",
                attributes, traceId, "", 0);
    }

    private static List<String> bodies(LogPage page) {
        return page.records().stream().map(LogRecord::body).toList();
    }

    private static SearchBuilder search() {
        return new SearchBuilder();
    }

    /** Test-side builder: a day back from NOW to a minute ahead, no criteria. */
    private static final class SearchBuilder {
        private Instant start = NOW.minus(Duration.ofDays(1));
        private Instant end = NOW.plusSeconds(60);
        private Optional<String> service = Optional.empty();
        private int minSeverity;
        private Optional<String> traceId = Optional.empty();
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private Optional<String> text = Optional.empty();
        private int limit = 10;
        private Optional<String> cursor = Optional.empty();

        SearchBuilder range(Instant from, Instant to) {
            start = from;
            end = to;
            return this;
        }

        SearchBuilder service(String value) {
            service = Optional.of(value);
            return this;
        }

        SearchBuilder minSeverity(int value) {
            minSeverity = value;
            return this;
        }

        SearchBuilder traceId(String value) {
            traceId = Optional.of(value);
            return this;
        }

        SearchBuilder attribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        SearchBuilder text(String value) {
            text = Optional.of(value);
            return this;
        }

        SearchBuilder limit(int value) {
            limit = value;
            return this;
        }

        SearchBuilder cursor(Optional<String> value) {
            cursor = value;
            return this;
        }

        LogSearch build() {
            return new LogSearch(nanos(start), nanos(end), service, minSeverity, traceId, attributes, text, limit, cursor,
                    Duration.ofSeconds(10));
        }

        private static long nanos(Instant instant) {
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        }
    }
}
