package io.sightline.storage.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

/**
 * The WAL contract: after a crash (the object dropped without close), replaying the WAL from
 * {@code durableWalIndex() + 1} restores every acknowledged sample exactly once.
 */
class TsdbCrashRecoveryTest {
    @TempDir
    Path dir;

    private record WalSample(Labels labels, long t, double v) {
    }

    @Test
    void replayAfterDurableIndexRestoresEverySampleExactlyOnce() {
        SplittableRandom random = TestSeed.random("TsdbCrashRecoveryTest.replayAfterDurableIndexRestoresEverySampleExactlyOnce");
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(0));
        List<List<WalSample>> wal = generate(random, 3000);
        Map<Labels, TreeMap<Long, Double>> expected = new HashMap<>();
        int written = 0;
        long lastDurable = -1;
        for (int crash = 0; crash < 4; crash++) {
            Tsdb tsdb = Tsdb.open(TsdbConfig.defaults(dir), clock);
            long durable = tsdb.durableWalIndex();
            assertThat(durable).as("durable index never goes back").isGreaterThanOrEqualTo(lastDurable);
            // A round may end before compaction ever ran with 3 h in the head (it runs at random):
            // only blocks on disk let the replay skip a prefix.
            if (crash > 0 && !tsdb.blocks().isEmpty()) {
                assertThat(durable).as("blocks let the replay skip a prefix of the WAL").isGreaterThan(0);
            }
            // Replay what the WAL holds after the durable index, as the metrics applier does.
            for (int i = (int) durable + 1; i < written; i++) {
                apply(tsdb, wal.get(i), i, null);
            }
            assertThat(TsdbBlockTest.all(tsdb)).as("after crash %d, replayed from %d", crash, durable + 1).isEqualTo(expected);
            int until = crash == 3 ? wal.size() : written + 200 + random.nextInt(700);
            for (int i = written; i < until; i++) {
                apply(tsdb, wal.get(i), i, expected);
                if (random.nextInt(40) == 0) {
                    tsdb.compact();
                }
            }
            written = until;
            lastDurable = tsdb.durableWalIndex();
            assertThat(TsdbBlockTest.all(tsdb)).isEqualTo(expected);
            if (crash == 3) {
                tsdb.close();
            }
            // Otherwise the object is dropped without close: a crash.
        }
        try (Tsdb tsdb = Tsdb.open(TsdbConfig.defaults(dir), clock)) {
            for (int i = (int) tsdb.durableWalIndex() + 1; i < written; i++) {
                apply(tsdb, wal.get(i), i, null);
            }
            assertThat(TsdbBlockTest.all(tsdb)).isEqualTo(expected);
            assertThat(tsdb.blocks()).isNotEmpty();
        }
    }

    private static void apply(Tsdb tsdb, List<WalSample> entry, long index, Map<Labels, TreeMap<Long, Double>> expected) {
        for (WalSample s : entry) {
            tsdb.append(s.labels(), s.t(), s.v());
            if (expected != null) {
                expected.computeIfAbsent(s.labels(), l -> new TreeMap<>()).put(s.t(), s.v());
            }
        }
        tsdb.commit(index);
    }

    /** Entries a minute apart (some gaps of hours), each with samples of a random subset of series. */
    private static List<List<WalSample>> generate(SplittableRandom random, int entries) {
        List<Labels> series = new ArrayList<>();
        for (int s = 0; s < 25; s++) {
            series.add(Labels.of("__name__", "m" + (s % 4), "instance", "i" + s));
        }
        List<List<WalSample>> wal = new ArrayList<>();
        long t = 1_800_000_000_000L;
        for (int e = 0; e < entries; e++) {
            t += random.nextInt(100) == 0 ? 3_600_000L * (1 + random.nextInt(3)) : 60_000;
            List<WalSample> entry = new ArrayList<>();
            for (Labels labels : series) {
                if (random.nextInt(3) > 0) {
                    // Samples of one entry may straddle a block boundary: some lag up to 30 s.
                    entry.add(new WalSample(labels, t - random.nextInt(2) * 30_000, random.nextInt(1000) / 8.0));
                }
            }
            wal.add(entry);
        }
        return wal;
    }
}
