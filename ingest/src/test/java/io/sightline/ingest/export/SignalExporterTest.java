package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.Signal;
import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.storage.wal.WalConfig;
import io.sightline.storage.wal.WriteAheadLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter loop against a real WAL and a recording transport whose answers the test scripts:
 * ordering, positions across restarts, retries, rejections, the backlog bound and shards.
 */
class SignalExporterTest {
    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void forwardsEveryEntryInOrderAndResumesAfterARestartFromTheSavedPosition() {
        WriteAheadLog wal = wal();
        ScriptedTarget target = new ScriptedTarget();
        SignalExporter exporter = exporter(wal, target, BacklogBound.DEFAULT, 1);
        exporter.start();
        for (int i = 0; i < 50; i++) {
            wal.append(entry("a" + i)).join();
        }
        await(() -> target.items().size() == 50);
        exporter.close();
        assertThat(target.items()).containsExactlyElementsOf(range("a", 0, 50));
        assertThat(exporter.state().lagEntries()).isZero();

        for (int i = 0; i < 20; i++) {
            wal.append(entry("b" + i)).join();
        }
        SignalExporter restarted = exporter(wal, target, BacklogBound.DEFAULT, 1);
        assertThat(restarted.state().lagEntries()).isEqualTo(20);
        restarted.start();
        await(() -> target.items().size() == 70);
        assertThat(target.items().subList(50, 70)).containsExactlyElementsOf(range("b", 0, 20));
        assertThat(restarted.state().sentItems()).isEqualTo(20);
    }

    @Test
    void aNewExporterStartsAtTheEndOfTheLog() {
        WriteAheadLog wal = wal();
        wal.append(entry("before")).join();
        ScriptedTarget target = new ScriptedTarget();
        SignalExporter exporter = exporter(wal, target, BacklogBound.DEFAULT, 1);
        exporter.start();
        wal.append(entry("after")).join();
        await(() -> target.items().size() == 1);
        assertThat(target.items()).containsExactly("after");
    }

    @Test
    void retryableAnswersSendTheSameBatchAgainUntilTheTargetTakesIt() {
        WriteAheadLog wal = wal();
        ScriptedTarget target = new ScriptedTarget();
        target.answer.set(new SendOutcome.Retryable("HTTP 503", Duration.ofMillis(5)));
        SignalExporter exporter = exporter(wal, target, BacklogBound.DEFAULT, 1);
        exporter.start();
        for (int i = 0; i < 10; i++) {
            wal.append(entry("x" + i)).join();
        }
        await(() -> exporter.state().retries() >= 3);
        assertThat(target.items()).isEmpty();
        assertThat(exporter.state().retrying()).isTrue();
        assertThat(exporter.state().lastError()).isEqualTo("HTTP 503");
        target.answer.set(SendOutcome.Accepted.ALL);
        await(() -> target.items().size() == 10);
        assertThat(target.items()).containsExactlyElementsOf(range("x", 0, 10));
        assertThat(exporter.state().droppedItems()).isZero();
        await(() -> !exporter.state().retrying());
    }

    @Test
    void rejectedAndPartlyRejectedRequestsAreCountedAsFailedAndNotSentAgain() {
        WriteAheadLog wal = wal();
        ScriptedTarget target = new ScriptedTarget();
        target.answer.set(new SendOutcome.Rejected("HTTP 400: bad"));
        SignalExporter exporter = exporter(wal, target, BacklogBound.DEFAULT, 1);
        exporter.start();
        wal.append(entry("bad")).join();
        await(() -> exporter.state().failedItems() == 1);
        target.answer.set(new SendOutcome.Accepted(1, "one refused"));
        wal.append(entry("p1"));
        wal.append(entry("p2")).join();
        await(() -> exporter.state().sentItems() + exporter.state().failedItems() == 3);
        assertThat(exporter.state().failedItems()).as("the rejected one and one per partly accepted request")
                .isBetween(2L, 3L);
        assertThat(exporter.state().lastError()).contains("one refused");
        assertThat(target.attempts()).as("nothing was sent twice").isEqualTo(1 + (int) (exporter.state().failedItems() - 1));
    }

    @Test
    void aBacklogPastItsMaxAgeIsDroppedOldestFirstAndCounted() {
        WriteAheadLog wal = wal();
        ScriptedTarget target = new ScriptedTarget();
        target.answer.set(new SendOutcome.Retryable("connection refused", null));
        SignalExporter exporter = exporter(wal, target, new BacklogBound(Duration.ofMinutes(10), 0), 1);
        exporter.start();
        for (int i = 0; i < 5; i++) {
            wal.append(entry("old" + i)).join();
        }
        await(() -> exporter.state().retries() >= 1);
        clock.advance(Duration.ofMinutes(11));
        for (int i = 0; i < 3; i++) {
            wal.append(entry("new" + i)).join();
        }
        await(() -> exporter.state().droppedItems() == 5);
        target.answer.set(SendOutcome.Accepted.ALL);
        await(() -> target.items().size() == 3);
        assertThat(target.items()).containsExactly("new0", "new1", "new2");
    }

    @Test
    void aBacklogOverItsSizeBoundKeepsTheNewestBytes() {
        WriteAheadLog wal = wal();
        ScriptedTarget target = new ScriptedTarget();
        target.answer.set(new SendOutcome.Retryable("HTTP 503", null));
        SignalExporter exporter = exporter(wal, target, new BacklogBound(Duration.ofHours(1), 100), 1);
        wal.append(entry("first")).join();
        for (int i = 0; i < 20; i++) {
            wal.append(entry(String.format("entry-%02d", i))).join();
        }
        exporter.start();
        await(() -> exporter.state().retries() >= 1);
        target.answer.set(SendOutcome.Accepted.ALL);
        await(() -> exporter.state().lagEntries() == 0);
        long delivered = target.items().size();
        assertThat(exporter.state().droppedItems() + delivered).isEqualTo(21);
        assertThat(delivered * 9).as("at most the bound's bytes were kept (9 a WAL entry)").isLessThanOrEqualTo(100);
        assertThat(target.items().getLast()).isEqualTo("entry-19");
    }

    @Test
    void shardedBatchesMoveOnOnlyWhenEveryShardIsTaken() {
        WriteAheadLog wal = wal();
        ScriptedTarget target = new ScriptedTarget();
        SignalExporter exporter = exporter(wal, target, BacklogBound.DEFAULT, 3);
        exporter.start();
        for (int i = 0; i < 30; i++) {
            wal.append(entry("s" + i)).join();
        }
        await(() -> target.items().size() == 30);
        assertThat(target.items()).containsExactlyInAnyOrderElementsOf(range("s", 0, 30));
        for (int shard = 0; shard < 3; shard++) {
            int s = shard;
            List<String> ofShard = target.items().stream().filter(item -> Math.floorMod(item.hashCode(), 3) == s).toList();
            assertThat(ofShard).as("one shard keeps its items in order")
                    .isEqualTo(range("s", 0, 30).stream().filter(item -> Math.floorMod(item.hashCode(), 3) == s).toList());
        }
    }

    @Test
    void aBatchThatFilledIsFollowedByASplitOneAndOneFlushedByTimeByOneThatIsNot() {
        WriteAheadLog wal = wal();
        ScriptedTarget target = new ScriptedTarget();
        LinesEncoder encoder = new LinesEncoder(3);
        SignalExporter exporter = exporter(wal, target, BacklogBound.DEFAULT, encoder);
        for (int i = 0; i < 32; i++) {
            // 14-15 bytes each: batches of five fill the 64 bytes, the last two wait max_delay
            wal.append(entry("backlog-line-" + i)).join();
        }
        exporter.start();
        await(() -> target.items().size() == 32);
        await(() -> encoder.splits.contains(false)); // the last, partial batch waited its max_delay
        assertThat(encoder.splits.getFirst()).as("after a batch that filled").isTrue();
        assertThat(encoder.splits.getLast()).as("after a batch a quiet WAL flushed").isFalse();
        int before = encoder.splits.size();
        wal.append(entry("alone")).join();
        await(() -> target.items().size() == 33);
        await(() -> encoder.splits.size() > before);
        assertThat(encoder.splits.subList(before, encoder.splits.size())).containsOnly(false);
    }

    @Test
    void corruptEntriesAreSkippedAndCounted() {
        WriteAheadLog wal = wal();
        ScriptedTarget target = new ScriptedTarget();
        SignalExporter exporter = exporter(wal, target, BacklogBound.DEFAULT, 1);
        exporter.start();
        wal.append(entry("good1")).join();
        wal.append(new byte[] {9}).join();
        wal.append(entry("good2")).join();
        await(() -> target.items().size() == 2);
        assertThat(exporter.state().droppedItems()).isEqualTo(1);
    }

    private WriteAheadLog wal() {
        WriteAheadLog wal = WriteAheadLog.open("logs", WalConfig.defaults(dir.resolve("wal")), clock);
        open.add(wal);
        return wal;
    }

    private SignalExporter exporter(WriteAheadLog wal, ScriptedTarget target, BacklogBound bound, int shards) {
        return exporter(wal, target, bound, new LinesEncoder(shards));
    }

    private SignalExporter exporter(WriteAheadLog wal, ScriptedTarget target, BacklogBound bound, LinesEncoder encoder) {
        ExportPosition position = ExportPosition.open(dir.resolve("export/test/logs.position"), wal.lastIndex());
        SignalExporter exporter = new SignalExporter("test", Signal.LOGS, wal, encoder, target, position,
                new BatchLimits(64, Duration.ofMillis(20)), new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20)), bound,
                new ExportMetrics(new PrometheusRegistry(), List::of), clock, new Random(1));
        open.add(exporter);
        return exporter;
    }

    private static byte[] entry(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] entry = new byte[bytes.length + 1];
        entry[0] = 1;
        System.arraycopy(bytes, 0, entry, 1, bytes.length);
        return entry;
    }

    private static List<String> range(String prefix, int from, int to) {
        List<String> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            items.add(prefix + i);
        }
        return items;
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Entries are a format byte and a line; a request is lines joined by '\n', sharded by the line's hash. */
    private static final class LinesEncoder implements BatchEncoder {
        private final List<List<String>> shards = new ArrayList<>();
        /** What the exporter said after each batch it sent: split the next one or not. */
        final List<Boolean> splits = new CopyOnWriteArrayList<>();
        private long bytes;

        LinesEncoder(int shards) {
            for (int i = 0; i < shards; i++) {
                this.shards.add(new ArrayList<>());
            }
        }

        @Override
        public int add(byte[] entry, int length) {
            if (length < 2 || entry[0] != 1) {
                throw new CorruptEntryException("not a line entry");
            }
            String line = new String(entry, 1, length - 1, StandardCharsets.UTF_8);
            shards.get(Math.floorMod(line.hashCode(), shards.size())).add(line);
            bytes += line.length();
            return 1;
        }

        @Override
        public void splitNextBatch(boolean split) {
            splits.add(split);
        }

        @Override
        public int pendingItems() {
            return shards.stream().mapToInt(List::size).sum();
        }

        @Override
        public long pendingBytes() {
            return bytes;
        }

        @Override
        public List<ExportRequest> drain() {
            List<ExportRequest> requests = new ArrayList<>();
            for (List<String> shard : shards) {
                if (!shard.isEmpty()) {
                    requests.add(new ExportRequest(String.join("\n", shard).getBytes(StandardCharsets.UTF_8), shard.size()));
                    shard.clear();
                }
            }
            bytes = 0;
            return requests;
        }
    }

    /** Records the lines of accepted requests; answers what the test sets. */
    private static final class ScriptedTarget implements ExportTransport {
        final AtomicReference<SendOutcome> answer = new AtomicReference<>(SendOutcome.Accepted.ALL);
        private final List<String> items = Collections.synchronizedList(new ArrayList<>());
        private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public SendOutcome send(ExportRequest request) {
            attempts.incrementAndGet();
            SendOutcome outcome = answer.get();
            if (outcome instanceof SendOutcome.Accepted) {
                for (String line : new String(request.body(), StandardCharsets.UTF_8).split("\n")) {
                    items.add(line);
                }
            }
            return outcome;
        }

        List<String> items() {
            synchronized (items) {
                return List.copyOf(items);
            }
        }

        int attempts() {
            return attempts.get();
        }

        @Override
        public String target() {
            return "scripted";
        }

        @Override
        public void close() {
        }
    }

    /** A clock the test moves; read from the exporter's thread. */
    private static final class MovableClock implements InstantSource {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }
}
