package io.sightline.storage.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.sightline.storage.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsdbBlockTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(0));

    @Test
    void headIsCutIntoBlocksQueriedTogetherAndReopened() {
        Map<Labels, TreeMap<Long, Double>> expected = new HashMap<>();
        try (Tsdb tsdb = Tsdb.open(TsdbConfig.defaults(dir), clock)) {
            for (long t = 0; t < 7 * HOUR; t += 15_000) {
                for (int s = 0; s < 10; s++) {
                    Labels labels = Labels.of("__name__", "m", "s", Integer.toString(s));
                    double v = t / 1000.0 + s;
                    tsdb.append(labels, t, v);
                    expected.computeIfAbsent(labels, l -> new TreeMap<>()).put(t, v);
                }
            }
            tsdb.compact();
            assertThat(tsdb.blocks()).extracting(Tsdb.BlockInfo::minTime, Tsdb.BlockInfo::maxTime)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 2 * HOUR),
                            org.assertj.core.groups.Tuple.tuple(2 * HOUR, 4 * HOUR));
            assertThat(all(tsdb)).isEqualTo(expected);
            // Older than the newest block's end: already covered by blocks, dropped and counted.
            tsdb.append(Labels.of("__name__", "m", "s", "1"), 4 * HOUR - 1, 1);
            assertThat(tsdb.samplesDroppedOutOfBounds()).isEqualTo(1);
            assertThat(all(tsdb)).isEqualTo(expected);
        }
        try (Tsdb reopened = Tsdb.open(TsdbConfig.defaults(dir), clock)) {
            expected.values().forEach(samples -> samples.tailMap(4 * HOUR).clear());
            assertThat(all(reopened)).isEqualTo(expected);
            assertThat(reopened.headSeries()).isZero();
            reopened.append(Labels.of("__name__", "m", "s", "1"), 3 * HOUR, 1);
            assertThat(reopened.samplesDroppedOutOfBounds()).isEqualTo(1);
        }
    }

    @Test
    void corruptFilesAreRefusedNamingFileExpectedAndActual() throws IOException {
        try (Tsdb tsdb = Tsdb.open(TsdbConfig.defaults(dir), clock)) {
            for (long t = 0; t < 4 * HOUR; t += 60_000) {
                tsdb.append(Labels.of("__name__", "m"), t, t);
            }
            tsdb.compact();
        }
        Path block = Files.list(dir.resolve("blocks")).findFirst().orElseThrow();
        Path index = block.resolve("index");
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(index, bytes);
        assertThatThrownBy(() -> Tsdb.open(TsdbConfig.defaults(dir), clock)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining(index.toString()).hasMessageContaining("expected CRC32C");
        bytes[bytes.length / 2] ^= 0x10;
        bytes[5 + "tsdb-index".length() + 1] = 9;
        Files.write(index, bytes);
        assertThatThrownBy(() -> Tsdb.open(TsdbConfig.defaults(dir), clock)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining(index.toString()).hasMessageContaining("expected version 1..1, found version 9");
        Path meta = block.resolve("meta.json");
        Files.writeString(meta, Files.readString(meta).replace("\"level\":1", "\"level\":2"));
        assertThatThrownBy(() -> Tsdb.open(TsdbConfig.defaults(dir), clock)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining(meta.toString()).hasMessageContaining("CRC32C");
    }

    @Test
    void compactionMergesBlocksAndRetentionDeletesOldOnes() {
        SplittableRandom random = TestSeed.random("TsdbBlockTest.compactionMergesBlocksAndRetentionDeletesOldOnes");
        TsdbConfig config = TsdbConfig.defaults(dir).withRetention(Duration.ofDays(10), 0);
        Map<Labels, TreeMap<Long, Double>> expected = new HashMap<>();
        try (Tsdb tsdb = Tsdb.open(config, clock)) {
            for (long t = 0; t < 40 * HOUR; t += 60_000) {
                for (int s = 0; s < 20; s++) {
                    if (random.nextInt(10) == 0) {
                        continue;
                    }
                    Labels labels = Labels.of("__name__", "m" + (s % 3), "s", Integer.toString(s));
                    double v = random.nextInt(5) == 0 ? Double.NaN : random.nextInt(1000) / 4.0;
                    tsdb.append(labels, t, v);
                    expected.computeIfAbsent(labels, l -> new TreeMap<>()).put(t, v);
                }
                if (t % HOUR == 0) {
                    tsdb.compact();
                }
            }
            tsdb.compact();
            List<Tsdb.BlockInfo> blocks = tsdb.blocks();
            assertThat(blocks).extracting(Tsdb.BlockInfo::maxTime)
                    .as("18h, 18h, then 2h blocks").startsWith(18 * HOUR, 36 * HOUR);
            assertThat(blocks.getFirst().level()).isEqualTo(3);
            assertThat(all(tsdb)).isEqualTo(expected);
            try (var folders = Files.list(dir.resolve("blocks"))) {
                assertThat(folders.count()).isEqualTo(blocks.size());
            } catch (IOException e) {
                throw new AssertionError(e);
            }

            clock.advance(Duration.ofMillis(36 * HOUR).plusDays(10));
            tsdb.compact();
            assertThat(tsdb.blocks()).extracting(Tsdb.BlockInfo::minTime).allMatch(t -> t >= 36 * HOUR);
            expected.values().forEach(samples -> samples.headMap(36 * HOUR).clear());
            expected.values().removeIf(Map::isEmpty);
            assertThat(all(tsdb)).isEqualTo(expected);
        }
        try (Tsdb bySize = Tsdb.open(config.withRetention(Duration.ofDays(10), 1), clock)) {
            bySize.compact();
            assertThat(bySize.blocks()).as("the newest block stays").hasSize(1);
        }
    }

    @Test
    void sourcesLeftByACrashDuringCompactionAreDeletedOnOpen() throws IOException {
        try (Tsdb tsdb = Tsdb.open(TsdbConfig.defaults(dir), clock)) {
            for (long t = 0; t < 7 * HOUR; t += 60_000) {
                tsdb.append(Labels.of("__name__", "m"), t, 1);
            }
            tsdb.compact();
        }
        BlockStore store = BlockStore.open(TsdbConfig.defaults(dir));
        BlockMeta merged = BlockCompactor.merge(store.list(), store.dir(), 5, 1 << 20, 480);
        Files.createDirectories(store.dir().resolve("unfinished.tmp"));
        try (Tsdb reopened = Tsdb.open(TsdbConfig.defaults(dir), clock)) {
            assertThat(reopened.blocks()).extracting(Tsdb.BlockInfo::id).containsExactly(merged.id());
            assertThat(reopened.durableWalIndex()).isEqualTo(5);
            try (var folders = Files.list(dir.resolve("blocks"))) {
                assertThat(folders.map(p -> p.getFileName().toString()).toList()).containsExactly(merged.id());
            }
            assertThat(all(reopened).get(Labels.of("__name__", "m"))).hasSize(240);
        }
    }

    @Test
    void headKeepsChunksWhileAnOlderQuerierIsOpen() {
        try (Tsdb tsdb = Tsdb.open(TsdbConfig.defaults(dir), clock)) {
            Labels idle = Labels.of("__name__", "idle");
            long ref = tsdb.seriesRef(idle);
            tsdb.append(ref, 0, 1);
            for (long t = 0; t < 4 * HOUR; t += 60_000) {
                tsdb.append(Labels.of("__name__", "busy"), t, 2);
            }
            SeriesQuerier early = tsdb.querier(0, Long.MAX_VALUE);
            tsdb.compact();
            assertThat(tsdb.headSeries()).as("not truncated while the early querier is open").isEqualTo(2);
            assertThat(early.select(List.of(LabelMatcher.equal("__name__", "busy")))).hasSize(1);
            assertThat(count(early, "busy")).isEqualTo(240);
            early.close();
            tsdb.compact();
            assertThat(tsdb.headSeries()).isEqualTo(1);
            assertThat(tsdb.append(ref, 5 * HOUR, 1)).as("the idle series' reference is stale").isFalse();
            assertThat(all(tsdb).get(idle)).containsOnlyKeys(0L);
        }
    }

    private static int count(SeriesQuerier querier, String name) {
        int n = 0;
        for (Series series : querier.select(List.of(LabelMatcher.equal("__name__", name)))) {
            SampleIterator it = series.iterator();
            while (it.next()) {
                n++;
            }
        }
        return n;
    }

    static Map<Labels, TreeMap<Long, Double>> all(Queryable tsdb) {
        Map<Labels, TreeMap<Long, Double>> out = new HashMap<>();
        try (SeriesQuerier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            List<Series> found = q.select(List.of(LabelMatcher.of(LabelMatcher.Type.REGEX, "__name__", ".+")));
            List<Labels> order = new ArrayList<>();
            for (Series s : found) {
                order.add(s.labels());
                TreeMap<Long, Double> samples = new TreeMap<>();
                SampleIterator it = s.iterator();
                long last = Long.MIN_VALUE;
                while (it.next()) {
                    assertThat(it.timestamp()).as("ascending, once each").isGreaterThan(last);
                    last = it.timestamp();
                    samples.put(it.timestamp(), it.value());
                }
                out.put(s.labels(), samples);
            }
            assertThat(order).isSorted();
        }
        return out;
    }
}
