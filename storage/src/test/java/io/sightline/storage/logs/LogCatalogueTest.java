package io.sightline.storage.logs;

import static io.sightline.storage.logs.LogScanTest.eq;
import static io.sightline.storage.logs.LogScanTest.nanos;
import static io.sightline.storage.logs.LogScanTest.re;
import static io.sightline.storage.logs.LogScanTest.recordAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sightline.storage.ManualClock;
import io.sightline.storage.tsdb.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label names and values, series, index stats, scan statistics and limits, over two day partitions. */
class LogCatalogueTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final long TODAY = nanos(Instant.parse("2026-11-29T00:00:00Z"));
    private static final long YESTERDAY = TODAY - Duration.ofDays(1).toNanos();
    private static final long END = TODAY + Duration.ofDays(1).toNanos();

    @TempDir
    Path dir;

    private LuceneLogStore open(LogStoreConfig config) {
        LuceneLogStore store = LuceneLogStore.open(config, new ManualClock(NOW));
        Map<String, Object> east = Map.of("region", "east");
        Map<String, Object> west = Map.of("region", "west", "host.name", "h1");
        store.append(1, List.of(
                recordAt(YESTERDAY + 5, east, "cart", 9, "", "cart yesterday"),
                recordAt(TODAY + 10, east, "cart", 9, "", "cart one"),
                recordAt(TODAY + 20, east, "cart", 17, "", "cart two ✓"),
                recordAt(TODAY + 30, west, "api", 9, "", "api one")));
        store.refresh();
        return store;
    }

    private LogStoreConfig config() {
        return new LogStoreConfig(dir, Duration.ofMinutes(10), Duration.ofMinutes(10), 1, 16, Duration.ofDays(7), 0);
    }

    @Test
    void labelNamesValuesAndSeriesComeFromStreamsWithRecordsInTheRange() {
        try (LuceneLogStore store = open(config())) {
            assertThat(store.labelNames(YESTERDAY, END, List.of()))
                    .containsExactly("host_name", "job", "level", "region", "service_name");
            assertThat(store.labelNames(YESTERDAY, END, List.of(eq("service_name", "cart"))))
                    .containsExactly("job", "level", "region", "service_name");
            assertThat(store.labelValues("level", YESTERDAY, END, List.of())).containsExactly("error", "info");
            assertThat(store.labelValues("level", YESTERDAY, TODAY, List.of())).containsExactly("info");
            assertThat(store.labelValues("level", TODAY + 15, TODAY + 25, List.of())).containsExactly("error");
            assertThat(store.labelValues("region", YESTERDAY, END, List.of(re("level", "info")))).containsExactly("east", "west");
            assertThat(store.series(TODAY + 25, END, List.of(List.of(eq("region", "west")), List.of(eq("service_name", "cart")))))
                    .containsExactly(Labels.of("host_name", "h1", "job", "api", "level", "info", "region", "west",
                            "service_name", "api"));
            assertThat(store.series(YESTERDAY, END, List.of(List.of(eq("service_name", "cart"))))).hasSize(2);
        }
    }

    @Test
    void indexStatsCountStreamsEntriesBytesAndStreamDays() {
        try (LuceneLogStore store = open(config())) {
            assertThat(store.indexStats(YESTERDAY, END, List.of(eq("service_name", "cart"))))
                    .isEqualTo(new LogIndexStats(2, 3, 3, "cart yesterday".length() + "cart one".length()
                            + "cart two ✓".getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            assertThat(store.indexStats(TODAY, TODAY + 15, List.of())).isEqualTo(new LogIndexStats(1, 1, 1, 8));
        }
    }

    @Test
    void scanStatsExplainWhatTheScanDid() {
        try (LuceneLogStore store = open(config())) {
            LogScanStats stats = store.scan(new LogScan(YESTERDAY, END, List.of(eq("region", "west")),
                    List.of(LineFilter.contains("one")), LogScan.Direction.BACKWARD, 0, Duration.ofSeconds(10)), (s, r) -> true);
            assertThat(stats.partitionsSearched()).isEqualTo(1);
            assertThat(stats.partitionsSkipped()).isEqualTo(1); // yesterday has no west stream
            assertThat(stats.streamsSelected()).isEqualTo(1);
            assertThat(stats.luceneQuery()).contains("stream:").contains("body:*one*");
            assertThat(stats.candidates()).isEqualTo(1);
            assertThat(stats.recordsRead()).isEqualTo(1);
            assertThat(stats.matched()).isEqualTo(1);
            assertThat(stats.exactIndex()).isFalse();

            List<Long> times = new ArrayList<>();
            LogScanStats fast = store.scanSamples(new LogScan(YESTERDAY, END, List.of(eq("service_name", "cart")), List.of(),
                    LogScan.Direction.FORWARD, 0, Duration.ofSeconds(10)), (s, time, bytes) -> times.add(time));
            assertThat(times).containsExactlyInAnyOrder(YESTERDAY + 5, TODAY + 10, TODAY + 20);
            assertThat(fast.recordsRead()).isZero();
            assertThat(fast.exactIndex()).isTrue();
            assertThat(fast.partitionsSearched()).isEqualTo(2);
        }
    }

    @Test
    void theVisitorStopsTheScan() {
        try (LuceneLogStore store = open(config())) {
            List<String> seen = new ArrayList<>();
            store.scan(new LogScan(YESTERDAY, END, List.of(), List.of(), LogScan.Direction.FORWARD, 0, Duration.ofSeconds(10)),
                    (s, record) -> seen.add(record.body()) && seen.size() < 2);
            assertThat(seen).containsExactly("cart yesterday", "cart one");
        }
    }

    @Test
    void limitsFailNamingTheLimit() {
        try (LuceneLogStore store = open(config().withScanLimits(2, Duration.ofMinutes(1)))) {
            LogScan scan = new LogScan(YESTERDAY, END, List.of(), List.of(), LogScan.Direction.FORWARD, 0, Duration.ofSeconds(10));
            assertThatThrownBy(() -> store.scan(scan, (s, r) -> true))
                    .isInstanceOf(LogScanLimitException.class).hasMessageContaining("scanMaxRecordsRead")
                    .satisfies(e -> assertThat(((LogScanLimitException) e).limit()).isEqualTo("scanMaxRecordsRead"));
            // The sample fast path reads no record, so the bound does not apply.
            assertThat(store.scanSamples(scan, (s, t, b) -> true).matched()).isEqualTo(4);
            LogScan hurried = new LogScan(YESTERDAY, END, List.of(), List.of(), LogScan.Direction.FORWARD, 0, Duration.ofNanos(1));
            assertThatThrownBy(() -> store.scanSamples(hurried, (s, t, b) -> true))
                    .isInstanceOf(LogScanLimitException.class).hasMessageContaining("(timeout)");
        }
    }
}
