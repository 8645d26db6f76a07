package io.sightline.appliance.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 under metrics load, four times, then check every sample: the real jar takes Prometheus
 * remote_write requests from {@value #CLIENTS} clients at full speed ({@value #SERIES} series each,
 * one sample per series per request, timestamps {@value #STEP_MS} ms apart on a shared timeline)
 * and is SIGKILLed at seeded numbers of acknowledged requests, then restarted on the same data
 * directory. The TSDB runs with {@value #BLOCK_RANGE} blocks and compacts every
 * {@value #COMPACTION_INTERVAL}: the first two rounds end before the head spans 1.5 block ranges
 * (each restart replays the whole WAL into an empty TSDB); round {@value #BLOCK_ROUND} is killed only
 * after a block is on disk, and the rounds after it start with blocks, so restarts replay WAL entries
 * whose samples a block already holds (the clients' timestamps lag each other by seconds, so such
 * entries follow the first entry of the next window), and a kill may land while a block is written.
 * At the end every acknowledged sample must be returned by a range-vector query exactly once with
 * its value; samples of requests in flight at a kill may be there or not, but whole and once. A
 * duplicate across a block and the head would not show (queries merge sources by timestamp, as
 * Prometheus does); one within a block or within the head would. The seed draws the kill points;
 * replay with {@code -Dtests.seed=N} (where exactly a kill lands still depends on timing).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MetricsCrashRecoveryIT {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final int CLIENTS = 4;
    private static final int SERIES = 250;
    /** Timeline step per request: 600 requests fill a block window, 900 make the head due for a cut. */
    private static final long STEP_MS = 100;
    /** Client c's timestamps are c times this behind the timeline (a third of the half range a cut leaves open). */
    private static final long CLIENT_LAG_MS = 3_000;
    private static final String BLOCK_RANGE = "1m";
    /** The round killed only after the first block is on disk; the rounds before end before the first cut. */
    private static final int BLOCK_ROUND = 2;
    private static final String COMPACTION_INTERVAL = "1s";
    private static final List<String> OPTIONS = List.of("--metrics.block-range", BLOCK_RANGE,
            "--metrics.compaction-interval", COMPACTION_INTERVAL);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(60);
    /** Requests acknowledged after the last restart, proving the recovered appliance takes writes. */
    private static final int FINAL_REQUESTS = 300;
    private static final String METRICS_LAG =
            "sightline_wal_consumer_lag_entries{consumer=\"metrics-store\",signal=\"metrics\"}";
    private static final String BLOCKS = "sightline_tsdb_blocks";
    private static final String DROPPED = "sightline_tsdb_samples_dropped_out_of_bounds";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedSampleSurvivesKillNineExactlyOnce() throws Exception {
        System.out.printf("MetricsCrashRecoveryIT seed %d (replay with -Dtests.seed=%d)%n", SEED, SEED);
        Random random = new Random(SEED);
        // Per round, the acknowledgements (in all clients) until the kill, counted from the round's
        // start, or in the block round (BLOCK_ROUND) from the first block on disk.
        long[] killAfter = {150 + random.nextInt(151), 150 + random.nextInt(151), 200 + random.nextInt(1001),
                300 + random.nextInt(901)};
        System.out.printf("kills after %s acknowledgements (round %d counting from its first block)%n",
                Arrays.toString(killAfter), BLOCK_ROUND);
        Path data = dir.resolve("data");
        // Block windows start on whole minutes; the most lagging client's first sample is in the first.
        long minute = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 60_000 * 60_000;
        long start = minute + CLIENTS * CLIENT_LAG_MS;
        MetricSender.Timeline timeline = new MetricSender.Timeline(start, STEP_MS);
        MetricSender.Ledger ledger = new MetricSender.Ledger(CLIENTS);
        List<MetricSender> senders = IntStream.range(0, CLIENTS)
                .mapToObj(c -> new MetricSender(c, SERIES, c * CLIENT_LAG_MS)).toList();
        Map<String, String> stderrs = new LinkedHashMap<>();

        for (int round = 0; round < killAfter.length; round++) {
            try (JarProcess jar = JarProcess.serve(dir, "round" + round, data, List.of(), List.of(), OPTIONS, READY_TIMEOUT)) {
                long before = ledger.acknowledgedCount();
                long t0 = System.nanoTime();
                Kill kill = killUnderLoad(jar, round == BLOCK_ROUND, killAfter[round], senders, timeline, ledger);
                System.out.printf("round %d: started in %d ms, killed (exit %d) at %d acknowledged (+%d in %d ms), "
                                + "timeline at %d s, %.0f block(s) on disk%n", round, jar.startup().toMillis(), kill.exit(),
                        ledger.acknowledgedCount(), ledger.acknowledgedCount() - before,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), (timeline.lastMs() - start) / 1000,
                        kill.blocks());
                stderrs.put("round" + round + ".err", jar.stderr());
            }
        }

        try (JarProcess jar = JarProcess.serve(dir, "final", data, List.of(), List.of(), OPTIONS, READY_TIMEOUT)) {
            System.out.printf("final restart ready in %d ms%n", jar.startup().toMillis());
            ApplianceClient client = jar.client();
            long failuresBefore = ledger.connectionFailures();
            CountDownLatch reached = ledger.aim(ledger.acknowledgedCount() + FINAL_REQUESTS);
            AtomicBoolean stop = new AtomicBoolean();
            try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
                List<Future<?>> running = send(pool, senders, stop, client, timeline, ledger);
                boolean hit = reached.await(ROUND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                stop.set(true);
                awaitAll(running);
                assertThat(hit).as("the recovered appliance acknowledges %d more requests", FINAL_REQUESTS).isTrue();
            }
            assertThat(ledger.connectionFailures()).as("failed requests to the recovered appliance")
                    .isEqualTo(failuresBefore);
            awaitApplied(client);
            double blocks = client.metric(BLOCKS).orElse(-1);
            double dropped = client.metric(DROPPED).orElse(-1);

            SampleCheck check = new SampleCheck(SERIES);
            long timeMs = timeline.lastMs() + 60_000;
            long rangeSeconds = (timeMs - start) / 1000 + 600;
            for (MetricSender sender : senders) {
                int c = sender.client();
                check.client(c, client.query(MetricSender.METRIC + "{client=\"" + c + "\"}[" + rangeSeconds + "s]",
                                BigDecimal.valueOf(timeMs).movePointLeft(3).toPlainString()),
                        ledger.acknowledged(c), ledger.unacknowledged(c));
            }
            System.out.printf("acknowledged %d requests (%d samples), not acknowledged %d (%d of them stored whole), "
                            + "samples returned %d, blocks %.0f, replayed samples dropped as already in a block %.0f, "
                            + "connection failures %d (first: %s), non-2xx answers %s%n",
                    ledger.acknowledgedCount(), ledger.acknowledgedCount() * SERIES, ledger.unacknowledgedCount(),
                    check.unacknowledgedStored(), check.samples(), blocks, dropped, ledger.connectionFailures(),
                    ledger.firstFailure(), ledger.refusals());

            assertThat(check.missing()).as("acknowledged samples missing after recovery (seed %d; %.0f samples dropped "
                    + "out of bounds since the last start)", SEED, dropped).isEmpty();
            assertThat(check.duplicates()).as("samples stored more than once (seed %d)", SEED).isEmpty();
            assertThat(check.wrong()).as("samples with a value or timestamp nobody sent (seed %d)", SEED).isEmpty();
            assertThat(check.partial()).as("unacknowledged requests stored in some series only (seed %d)", SEED).isEmpty();
            assertThat(blocks).as("TSDB blocks on disk after the block round").isGreaterThanOrEqualTo(1);
            assertThat(ledger.refusals()).as("non-2xx answers other than backpressure (429, 503)")
                    .allSatisfy((status, count) -> assertThat(status).isIn(429, 503));
            System.out.printf("final stop (SIGTERM) exit code %d%n", jar.stop());
            stderrs.put("final.err", jar.stderr());
        }
        stderrs.forEach((file, stderr) -> stderr.lines().filter(line -> line.matches("\\S+ WARNING .*"))
                .forEach(line -> System.out.printf("%s: %s%n", file, line)));
        stderrs.forEach((file, stderr) -> assertThat(JarProcess.problemLines(stderr))
                .as("stack traces or SEVERE lines in %s; stderr:%n%s", file, stderr).isEmpty());
    }

    /** How a round ended: the exit code of the killed JVM and the TSDB blocks on disk just before. */
    private record Kill(int exit, double blocks) {
    }

    /**
     * Lets the senders run until {@code killAfter} more acknowledgements in all (with
     * {@code awaitBlock}, counted once the TSDB has a block on disk), then SIGKILLs the appliance
     * under them.
     */
    private static Kill killUnderLoad(JarProcess jar, boolean awaitBlock, long killAfter, List<MetricSender> senders,
                                      MetricSender.Timeline timeline, MetricSender.Ledger ledger) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders.size())) {
            List<Future<?>> running = send(pool, senders, stop, jar.client(), timeline, ledger);
            boolean hit = false;
            long killPoint = ledger.acknowledgedCount() + killAfter;
            double blocks = -1;
            int exit;
            try {
                if (awaitBlock) {
                    Poll.until("the TSDB has cut a block (" + BLOCKS + " >= 1)", ROUND_TIMEOUT, Duration.ofMillis(100),
                            () -> jar.client().metric(BLOCKS).orElse(0) >= 1);
                    System.out.printf("first block at %d acknowledged, timeline at %d s%n", ledger.acknowledgedCount(),
                            (timeline.lastMs() - timeline.startMs()) / 1000);
                    killPoint = ledger.acknowledgedCount() + killAfter;
                }
                hit = ledger.aim(killPoint).await(ROUND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                blocks = jar.client().metric(BLOCKS).orElse(-1);
            } finally {
                // Killed while the senders still send, so requests are in flight at the kill.
                exit = jar.kill();
                stop.set(true);
                awaitAll(running);
            }
            assertThat(hit).as("%d acknowledgements within %s (have %d); stderr:%n%s", killPoint, ROUND_TIMEOUT,
                    ledger.acknowledgedCount(), jar.stderr()).isTrue();
            return new Kill(exit, blocks);
        }
    }

    private static List<Future<?>> send(ExecutorService pool, List<MetricSender> senders, AtomicBoolean stop,
                                        ApplianceClient client, MetricSender.Timeline timeline, MetricSender.Ledger ledger) {
        List<Future<?>> running = new ArrayList<>();
        for (MetricSender sender : senders) {
            running.add(pool.submit(() -> {
                sender.sendUntil(stop::get, client, timeline, ledger);
                return null;
            }));
        }
        return running;
    }

    private static void awaitAll(List<Future<?>> running) throws Exception {
        for (Future<?> future : running) {
            future.get(60, TimeUnit.SECONDS);
        }
    }

    /** Until the TSDB's WAL consumer has applied every entry (the senders have stopped). */
    private static void awaitApplied(ApplianceClient client) throws Exception {
        assertThat(client.metric(METRICS_LAG)).as("%s in /metrics", METRICS_LAG).isPresent();
        long t0 = System.nanoTime();
        Poll.until(METRICS_LAG + " is 0", Duration.ofSeconds(60), Duration.ofMillis(100),
                () -> client.metric(METRICS_LAG).orElse(-1) == 0);
        System.out.printf("metrics applied after %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }
}
