package io.sightline.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.sightline.storage.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WriteAheadLogTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));

    @ParameterizedTest
    @EnumSource(SyncPolicy.class)
    void entriesComeBackInOrderWithIncreasingIndexes(SyncPolicy policy) {
        WalConfig config = new WalConfig(dir, policy, Duration.ofMillis(50), Duration.ofDays(1), 0);
        List<Long> indexes = new ArrayList<>();
        try (WriteAheadLog wal = WriteAheadLog.open("test", config, clock)) {
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                futures.add(wal.append(("entry-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            futures.forEach(future -> indexes.add(future.join()));
            assertThat(indexes).isSorted().doesNotHaveDuplicates();
            assertThat(wal.lastIndex()).isEqualTo(indexes.getLast());
            assertThat(read(wal, -1)).hasSize(500).first().isEqualTo("entry-0");
        }
    }

    @Test
    void readerResumesAfterAPositionAcrossReopen() {
        long third;
        try (WriteAheadLog wal = WriteAheadLog.open("test", WalConfig.defaults(dir), clock)) {
            wal.append(bytes("a")).join();
            wal.append(bytes("b")).join();
            third = wal.append(bytes("c")).join();
            wal.append(bytes("d")).join();
        }
        try (WriteAheadLog wal = WriteAheadLog.open("test", WalConfig.defaults(dir), clock)) {
            assertThat(read(wal, third)).containsExactly("d");
            assertThat(wal.entriesAfter(third)).isEqualTo(1);
            assertThat(wal.entriesAfter(-1)).isEqualTo(4);
            long fifth = wal.append(bytes("e")).join();
            assertThat(fifth).isGreaterThan(third);
            assertThat(read(wal, third)).containsExactly("d", "e");
        }
    }

    @Test
    void cycleFilesAreKeptUntilEveryConsumerHasPassedThem() {
        try (WriteAheadLog wal = WriteAheadLog.open("test", WalConfig.defaults(dir), clock)) {
            long first = wal.append(bytes("hour 1")).join();
            clock.advance(Duration.ofHours(1));
            long second = wal.append(bytes("hour 2")).join();
            clock.advance(Duration.ofHours(1));
            wal.append(bytes("hour 3")).join();
            AtomicLong fast = new AtomicLong(second);
            AtomicLong slow = new AtomicLong(first);
            wal.registerConsumer("fast", fast::get);
            wal.registerConsumer("slow", slow::get);

            assertThat(wal.deleteObsoleteCycles()).isZero();
            assertThat(read(wal, -1)).containsExactly("hour 1", "hour 2", "hour 3");

            slow.set(second);
            assertThat(wal.deleteObsoleteCycles()).isEqualTo(1);
            assertThat(read(wal, -1)).containsExactly("hour 2", "hour 3");
            assertThat(wal.consumerLags()).containsEntry("fast", 1L).containsEntry("slow", 1L);
            assertThat(wal.deleteObsoleteCycles()).isZero();
        }
    }

    @Test
    void withoutConsumersRetentionDeletesByAgeAndSize() {
        WalConfig config = new WalConfig(dir, SyncPolicy.NONE, Duration.ofSeconds(1), Duration.ofHours(2), 0);
        try (WriteAheadLog wal = WriteAheadLog.open("test", config, clock)) {
            for (int hour = 0; hour < 5; hour++) {
                wal.append(bytes("hour " + hour)).join();
                clock.advance(Duration.ofHours(1));
            }
            wal.append(bytes("now")).join();
            assertThat(wal.deleteObsoleteCycles()).isEqualTo(3);
            assertThat(read(wal, -1)).containsExactly("hour 3", "hour 4", "now");
        }
        WalConfig bySize = new WalConfig(dir, SyncPolicy.NONE, Duration.ofSeconds(1), Duration.ofDays(30), 1);
        try (WriteAheadLog wal = WriteAheadLog.open("test", bySize, clock)) {
            wal.deleteObsoleteCycles();
            assertThat(read(wal, -1)).containsExactly("now");
        }
    }

    @Test
    void appendsAfterCloseFailClearly() {
        WriteAheadLog wal = WriteAheadLog.open("logs", WalConfig.defaults(dir), clock);
        wal.close();
        assertThat(wal.append(bytes("late"))).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(WalClosedException.class)
                .withMessageContaining("'logs' is closed");
    }

    @Test
    void exportersKeepCycleFilesButStayOutOfTheStoresLags() {
        try (WriteAheadLog wal = WriteAheadLog.open("test", WalConfig.defaults(dir), clock)) {
            long first = wal.append(bytes("a")).join();
            AtomicLong forwarded = new AtomicLong(-1);
            wal.registerExporter("export-x", forwarded::get);
            AtomicLong stored = new AtomicLong(first);
            wal.registerConsumer("store", stored::get);
            clock.advance(Duration.ofHours(2));
            long second = wal.append(bytes("b")).join();
            stored.set(second);
            assertThat(wal.deleteObsoleteCycles()).as("the exporter has not passed the first cycle").isZero();
            assertThat(wal.consumerLags()).containsOnlyKeys("store");
            forwarded.set(second);
            assertThat(wal.deleteObsoleteCycles()).isEqualTo(1);
        }
    }

    @Test
    void entriesAreDatedAndSizedForExporterBacklogs() {
        long before;
        try (WriteAheadLog wal = WriteAheadLog.open("test", WalConfig.defaults(dir), clock)) {
            before = wal.append(new byte[100]).join();
            wal.append(new byte[50]).join();
        }
        clock.advance(Duration.ofMinutes(10));
        try (WriteAheadLog wal = WriteAheadLog.open("test", WalConfig.defaults(dir), clock)) {
            long opened = clock.millis();
            assertThat(wal.writtenByMillis(before)).as("older than the opening: never dated older than the truth")
                    .isLessThanOrEqualTo(opened).isGreaterThanOrEqualTo(opened - Duration.ofMinutes(10).toMillis());
            clock.advance(Duration.ofSeconds(30));
            long third = wal.append(new byte[200]).join();
            clock.advance(Duration.ofSeconds(30));
            wal.append(new byte[400]).join();
            assertThat(wal.writtenByMillis(third)).isEqualTo(opened + 30_000);
            assertThat(wal.writtenByMillis(wal.lastIndex() + 1)).isEqualTo(clock.millis());
            assertThat(wal.bytesAfter(third)).isEqualTo(400);
            assertThat(wal.bytesAfter(before)).as("read from the entries written before opening")
                    .isEqualTo(50 + 200 + 400);
            assertThat(wal.bytesAfter(-1)).isEqualTo(100 + 50 + 200 + 400);
        }
    }

    @Test
    void aReusedBufferReadsEachEntryWholeWhateverItsSize() {
        int[] sizes = {10, 200_000, 3, 70_000, 2, 150_000, 1};
        List<Long> indexes = new ArrayList<>();
        try (WriteAheadLog wal = WriteAheadLog.open("test", WalConfig.defaults(dir), clock)) {
            for (int i = 0; i < sizes.length; i++) {
                indexes.add(wal.append(filled(sizes[i], i)).join());
            }
            WalEntryBuffer buffer = new WalEntryBuffer();
            try (WalReader reader = wal.reader(-1)) {
                for (int i = 0; i < sizes.length; i++) {
                    assertThat(reader.next(buffer)).as("entry " + i).isTrue();
                    assertThat(buffer.index()).isEqualTo(indexes.get(i));
                    assertThat(buffer.length()).isEqualTo(sizes[i]);
                    assertThat(buffer.copy()).isEqualTo(filled(sizes[i], i));
                }
                assertThat(reader.next(buffer)).isFalse();
                assertThat(buffer.index()).as("unchanged when nothing is there").isEqualTo(indexes.getLast());
            }
        }
    }

    private static byte[] filled(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7);
        }
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> read(WriteAheadLog wal, long after) {
        List<String> entries = new ArrayList<>();
        try (WalReader reader = wal.reader(after)) {
            while (reader.next((index, entry) -> entries.add(new String(entry, StandardCharsets.UTF_8)))) {
                // reads until nothing is left
            }
        }
        return entries;
    }
}
