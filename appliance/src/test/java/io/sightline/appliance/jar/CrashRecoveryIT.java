package io.sightline.appliance.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 under load, three times, then count: the real jar takes OTLP/HTTP log batches from
 * {@value #CLIENTS} clients at full speed and is SIGKILLed once the clients hold a seeded number of
 * acknowledgements (~3k, ~20k, ~60k in all), then restarted on the same data directory. At the end
 * every acknowledged record must be searchable exactly once; records in flight at a kill may or may
 * not be there, but never twice. The seed draws the kill points, each round's log index commit
 * interval and the batch sizes; replay them with {@code -Dtests.seed=N} (where exactly a kill lands
 * still depends on timing).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryIT {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final int CLIENTS = 4;
    /** Start-up takes ~3.5 s on a quiet machine; replaying the WAL and a busy machine add to it. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Longest a round may take to reach its kill point. */
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(60);
    /** Records acknowledged after the last restart, proving the recovered appliance takes writes. */
    private static final int FINAL_RECORDS = 2_000;
    /** The index has settled when its total has not moved for this long (four refresh intervals). */
    private static final Duration SETTLED_FOR = Duration.ofSeconds(2);
    private static final int PAGE = 5_000;
    /**
     * The log index commit interval of each killed round, drawn from these: short ones make kills land
     * after commits (so replay meets records already committed), the default (5 s) before the first.
     */
    private static final List<String> COMMIT_INTERVALS = List.of("100ms", "500ms", "5s");
    private static final String LOGS_LAG = "sightline_wal_consumer_lag_entries{consumer=\"logs-store\",signal=\"logs\"}";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRecordSurvivesKillNineExactlyOnce() throws Exception {
        System.out.printf("CrashRecoveryIT seed %d (replay with -Dtests.seed=%d)%n", SEED, SEED);
        Random random = new Random(SEED);
        long[] killPoints = {2_000 + random.nextInt(2_001), 15_000 + random.nextInt(10_001), 50_000 + random.nextInt(15_001)};
        String[] commitIntervals = new String[killPoints.length];
        for (int round = 0; round < killPoints.length; round++) {
            commitIntervals[round] = COMMIT_INTERVALS.get(random.nextInt(COMMIT_INTERVALS.size()));
        }
        System.out.printf("kill points %s, log index commit intervals %s%n", Arrays.toString(killPoints),
                Arrays.toString(commitIntervals));
        Path data = dir.resolve("data");
        LogSender.Ledger ledger = new LogSender.Ledger();
        List<LogSender> senders = IntStream.range(0, CLIENTS).mapToObj(client -> new LogSender(client, SEED)).toList();
        Map<String, String> restartStderr = new LinkedHashMap<>();

        for (int round = 0; round < killPoints.length; round++) {
            try (JarProcess jar = JarProcess.serve(dir, "round" + round, data, List.of(), List.of(),
                    List.of("--logs.commit-interval", commitIntervals[round]), READY_TIMEOUT)) {
                long before = ledger.acknowledgedCount();
                long start = System.nanoTime();
                int exit = killUnderLoad(jar, killPoints[round], senders, ledger);
                System.out.printf("round %d: started in %d ms, killed (exit %d) at %d acknowledged (+%d in %d ms)%n",
                        round, jar.startup().toMillis(), exit, ledger.acknowledgedCount(),
                        ledger.acknowledgedCount() - before, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                if (round > 0) {
                    restartStderr.put("round" + round + ".err", jar.stderr());
                }
            }
        }

        try (JarProcess jar = JarProcess.serve(dir, "final", data, List.of(), List.of(), List.of(), READY_TIMEOUT)) {
            System.out.printf("final restart ready in %d ms%n", jar.startup().toMillis());
            ApplianceClient client = jar.client();
            CountDownLatch reached = ledger.aim(ledger.acknowledgedCount() + FINAL_RECORDS);
            AtomicBoolean stop = new AtomicBoolean();
            long failuresBefore = ledger.connectionFailures();
            try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
                List<Future<?>> running = send(pool, senders, stop, client, ledger);
                boolean hit = reached.await(ROUND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                stop.set(true);
                awaitAll(running);
                assertThat(hit).as("the recovered appliance acknowledges %d more records", FINAL_RECORDS).isTrue();
            }
            assertThat(ledger.connectionFailures()).as("failed requests to the recovered appliance")
                    .isEqualTo(failuresBefore);

            awaitSettled(client);
            Stored stored = readAll(client);
            report(ledger, stored);
            restartStderr.put("final.err", jar.stderr());

            Set<String> missing = new HashSet<>(ledger.acknowledged());
            missing.removeAll(stored.counts().keySet());
            Map<String, Integer> duplicates = stored.counts().entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            Set<String> unknown = new HashSet<>(stored.counts().keySet());
            unknown.removeAll(ledger.acknowledged());
            unknown.removeAll(ledger.unacknowledged());

            assertThat(missing).as("acknowledged records missing after recovery (seed %d); by attribute search: %s",
                    SEED, byAttribute(client, missing)).isEmpty();
            assertThat(duplicates).as("records stored more than once (seed %d); by attribute search: %s",
                    SEED, byAttribute(client, duplicates.keySet())).isEmpty();
            assertThat(stored.paged()).as("records paged through vs the search total (seed %d)", SEED)
                    .isEqualTo(stored.total());
            assertThat(unknown).as("records nobody sent").isEmpty();
            assertThat(stored.bodyMismatches()).as("records whose body does not name their rec.id").isEmpty();
            assertThat(ledger.refusals()).as("non-200 answers other than backpressure (429, 503)")
                    .allSatisfy((status, count) -> assertThat(status).isIn(429, 503));
            int stopExit = jar.stop();
            System.out.printf("final stop (SIGTERM) exit code %d%n", stopExit);
            restartStderr.put("final.err", jar.stderr());
        }
        restartStderr.forEach((file, stderr) -> stderr.lines().filter(line -> line.matches("\\S+ WARNING .*"))
                .forEach(line -> System.out.printf("%s: %s%n", file, line)));
        restartStderr.forEach((file, stderr) -> assertThat(JarProcess.problemLines(stderr))
                .as("stack traces or SEVERE lines in %s after a kill -9; stderr:%n%s", file, stderr).isEmpty());
    }

    /** Lets the senders run until {@code killPoint} acknowledgements in all, then SIGKILLs the appliance under them. */
    private static int killUnderLoad(JarProcess jar, long killPoint, List<LogSender> senders, LogSender.Ledger ledger)
            throws Exception {
        CountDownLatch reached = ledger.aim(killPoint);
        AtomicBoolean stop = new AtomicBoolean();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders.size())) {
            List<Future<?>> running = send(pool, senders, stop, jar.client(), ledger);
            boolean hit = reached.await(ROUND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            // Killed while the senders still send, so requests are in flight at the kill.
            int exit = jar.kill();
            stop.set(true);
            awaitAll(running);
            assertThat(hit).as("%d acknowledgements within %s (have %d); stderr:%n%s", killPoint, ROUND_TIMEOUT,
                    ledger.acknowledgedCount(), jar.stderr()).isTrue();
            return exit;
        }
    }

    private static List<Future<?>> send(ExecutorService pool, List<LogSender> senders, AtomicBoolean stop,
                                        ApplianceClient client, LogSender.Ledger ledger) {
        List<Future<?>> running = new ArrayList<>();
        for (LogSender sender : senders) {
            running.add(pool.submit(() -> {
                sender.sendUntil(stop::get, client, ledger);
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

    /** Until the logs WAL consumer has made everything durable and the search total stopped moving. */
    private static void awaitSettled(ApplianceClient client) throws Exception {
        assertThat(client.metric(LOGS_LAG)).as("%s in /metrics", LOGS_LAG).isPresent();
        long[] last = {-1, System.nanoTime()};
        long start = System.nanoTime();
        Poll.until("the log index settles (" + LOGS_LAG + " is 0 and the search total is unchanged for "
                + SETTLED_FOR.toMillis() + " ms)", Duration.ofSeconds(90), Duration.ofMillis(250), () -> {
            long total = client.countLogs(Map.of());
            double lag = client.metric(LOGS_LAG).orElse(-1);
            long now = System.nanoTime();
            if (total != last[0] || lag != 0) {
                last[0] = total;
                last[1] = now;
                return false;
            }
            return now - last[1] >= SETTLED_FOR.toNanos();
        });
        System.out.printf("index settled at %d records after %d ms%n", last[0],
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** What the search API returns, page by page, newest first. */
    private record Stored(long total, long paged, int pages, Map<String, Integer> counts, List<String> bodyMismatches) {
    }

    private static Stored readAll(ApplianceClient client) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        List<String> bodyMismatches = new ArrayList<>();
        long total = -1;
        long paged = 0;
        int pages = 0;
        String cursor = null;
        do {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("limit", Integer.toString(PAGE));
            if (cursor != null) {
                parameters.put("cursor", cursor);
            }
            JsonObject data = client.searchLogs(parameters);
            if (total < 0) {
                total = data.get("total").getAsLong();
            }
            for (JsonElement element : data.getAsJsonArray("records")) {
                JsonObject record = element.getAsJsonObject();
                JsonElement id = record.getAsJsonObject("attributes").get(LogSender.ID_ATTRIBUTE);
                assertThat(id).as("%s of %s", LogSender.ID_ATTRIBUTE, record).isNotNull();
                counts.merge(id.getAsString(), 1, Integer::sum);
                if (!record.get("body").getAsString().contains(id.getAsString() + " ")) {
                    bodyMismatches.add(record.toString());
                }
                paged++;
            }
            cursor = data.get("next").isJsonNull() ? null : data.get("next").getAsString();
            pages++;
            assertThat(pages).as("pages for %d records", total).isLessThanOrEqualTo((int) (total / PAGE) + 3);
        } while (cursor != null);
        return new Stored(total, paged, pages, counts, bodyMismatches);
    }

    private static void report(LogSender.Ledger ledger, Stored stored) {
        long unacknowledgedStored = ledger.unacknowledged().stream().filter(stored.counts()::containsKey).count();
        System.out.printf("acknowledged %d, sent but not acknowledged %d (%d of them stored), stored %d (total %d, "
                        + "%d pages), connection failures %d (first: %s), non-200 answers %s%n",
                ledger.acknowledgedCount(), ledger.unacknowledged().size(), unacknowledgedStored, stored.counts().size(),
                stored.total(), stored.pages(), ledger.connectionFailures(), ledger.firstFailure(), ledger.refusals());
    }

    /** For a few ids, how many records a search by the attribute finds: tells a lost record from a paging bug. */
    private static Map<String, Long> byAttribute(ApplianceClient client, Set<String> ids) throws Exception {
        Map<String, Long> found = new LinkedHashMap<>();
        for (String id : ids.stream().sorted().limit(10).toList()) {
            found.put(id, client.countLogs(Map.of("attr." + LogSender.ID_ATTRIBUTE, id)));
        }
        return found;
    }
}
