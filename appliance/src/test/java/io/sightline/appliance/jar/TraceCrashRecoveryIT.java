package io.sightline.appliance.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 under span load, three times, then count: the real jar takes OTLP/HTTP protobuf trace
 * exports from {@value #CLIENTS} {@link SpanSender}s at full speed (whole traces, traces split over
 * two requests, traces over three UTC days and some across a midnight, so several day partitions) and is SIGKILLed once the clients hold a seeded number of acknowledged spans,
 * then restarted on the same data directory. Each killed round draws its trace store commit
 * interval, so kills land before and after commits, and now and then between the commits of two day
 * partitions, after which the restart replays WAL entries one partition already holds. After the last restart, once the traces WAL consumer's lag is 0, every trace any
 * client sent is read through Jaeger's {@code /api/traces?traceID=…} in bulk: every acknowledged
 * span must be there exactly once, spans of requests in flight at a kill may or may not be, never
 * twice. {@code /api/traces/{id}} must answer the same for a seeded sample and every trace of the
 * last round, and Jaeger's search by service the same for what it finds. Replay the kill points
 * and the traffic with {@code -Dtests.seed=N} (where exactly a kill lands still depends on timing).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TraceCrashRecoveryIT {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final int CLIENTS = 4;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(60);
    /** Spans acknowledged after the last restart, proving the recovered appliance takes writes. */
    private static final int FINAL_SPANS = 2_000;
    /** Traces of the earlier rounds also read one by one through {@code /api/traces/{id}}. */
    private static final int BY_ID_SAMPLE = 200;
    /** Jaeger's largest search limit. */
    private static final int SEARCH_LIMIT = 1_000;
    /** Short intervals make kills land after (and during) commits; the default (5 s) mostly before the first. */
    private static final List<String> COMMIT_INTERVALS = List.of("100ms", "500ms", "5s");
    private static final String TRACES_LAG = "sightline_wal_consumer_lag_entries{consumer=\"traces-store\",signal=\"traces\"}";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedSpanSurvivesKillNineExactlyOnce() throws Exception {
        System.out.printf("TraceCrashRecoveryIT seed %d (replay with -Dtests.seed=%d)%n", SEED, SEED);
        Random random = new Random(SEED);
        long[] killPoints = {2_000 + random.nextInt(2_001), 10_000 + random.nextInt(10_001), 30_000 + random.nextInt(10_001)};
        String[] commitIntervals = new String[killPoints.length];
        for (int round = 0; round < killPoints.length; round++) {
            commitIntervals[round] = COMMIT_INTERVALS.get(random.nextInt(COMMIT_INTERVALS.size()));
        }
        System.out.printf("kill points (spans) %s, trace store commit intervals %s%n", Arrays.toString(killPoints),
                Arrays.toString(commitIntervals));
        long startMicros = micros(Instant.now()) - (SpanSender.DAYS_BACK + 1) * 86_400_000_000L;
        Path data = dir.resolve("data");
        LogSender.Ledger ledger = new LogSender.Ledger();
        List<SpanSender> senders = IntStream.range(0, CLIENTS).mapToObj(client -> new SpanSender(client, SEED)).toList();
        Map<String, String> stderrs = new LinkedHashMap<>();

        for (int round = 0; round < killPoints.length; round++) {
            try (JarProcess jar = JarProcess.serve(dir, "round" + round, data, List.of(), List.of(),
                    List.of("--traces.commit-interval", commitIntervals[round]), READY_TIMEOUT)) {
                long before = ledger.acknowledgedCount();
                long start = System.nanoTime();
                int exit = killUnderLoad(jar, killPoints[round], senders, ledger);
                System.out.printf("round %d: started in %d ms, killed (exit %d) at %d acknowledged spans (+%d in %d ms)%n",
                        round, jar.startup().toMillis(), exit, ledger.acknowledgedCount(),
                        ledger.acknowledgedCount() - before, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                if (round > 0) {
                    stderrs.put("round" + round + ".err", jar.stderr());
                }
            }
        }

        try (JarProcess jar = JarProcess.serve(dir, "final", data, List.of(), List.of(), List.of(), READY_TIMEOUT)) {
            System.out.printf("final restart ready in %d ms%n", jar.startup().toMillis());
            ApplianceClient client = jar.client();
            Set<String> earlierTraces = traces(ledger);
            long failuresBefore = ledger.connectionFailures();
            CountDownLatch reached = ledger.aim(ledger.acknowledgedCount() + FINAL_SPANS);
            AtomicBoolean stop = new AtomicBoolean();
            try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
                List<Future<?>> running = send(pool, senders, stop, client, ledger);
                boolean hit = reached.await(ROUND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                stop.set(true);
                awaitAll(running);
                assertThat(hit).as("the recovered appliance acknowledges %d more spans", FINAL_SPANS).isTrue();
            }
            assertThat(ledger.connectionFailures()).as("failed requests to the recovered appliance").isEqualTo(failuresBefore);
            awaitSettled(client, senders);

            Set<String> allTraces = traces(ledger);
            Set<String> lastRoundTraces = new TreeSet<>(allTraces);
            lastRoundTraces.removeAll(earlierTraces);
            long readStart = System.nanoTime();
            Map<String, List<String>> stored = StoredTraces.bulk(client, allTraces);
            System.out.printf("read %d of %d traces in bulk in %d ms%n", stored.size(), allTraces.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - readStart));
            Map<String, Integer> counts = new HashMap<>();
            stored.forEach((traceId, spanIds) -> spanIds.forEach(spanId -> counts.merge(traceId + ":" + spanId, 1, Integer::sum)));

            Set<String> missing = new TreeSet<>(ledger.acknowledged());
            missing.removeAll(counts.keySet());
            Map<String, Integer> duplicates = counts.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            Set<String> unknown = new TreeSet<>(counts.keySet());
            unknown.removeAll(ledger.acknowledged());
            unknown.removeAll(ledger.unacknowledged());
            long unacknowledgedStored = ledger.unacknowledged().stream().filter(counts::containsKey).count();
            System.out.printf("acknowledged %d spans, sent but not acknowledged %d (%d of them stored), stored %d spans "
                            + "in %d traces, connection failures %d (first: %s), non-200 answers %s%n",
                    ledger.acknowledgedCount(), ledger.unacknowledged().size(), unacknowledgedStored, counts.size(),
                    stored.size(), ledger.connectionFailures(), ledger.firstFailure(), ledger.refusals());

            assertThat(missing).as("acknowledged spans missing after recovery (seed %d), %d in all", SEED, missing.size())
                    .isEmpty();
            assertThat(duplicates).as("spans stored more than once (seed %d)", SEED).isEmpty();
            assertThat(unknown).as("spans nobody sent").isEmpty();
            assertThat(ledger.refusals()).as("non-200 answers other than backpressure (429, 503)")
                    .allSatisfy((status, count) -> assertThat(status).isIn(429, 503));

            List<String> byId = new ArrayList<>(lastRoundTraces);
            List<String> earlier = new ArrayList<>(new TreeSet<>(earlierTraces));
            for (int i = 0; i < BY_ID_SAMPLE && !earlier.isEmpty(); i++) {
                byId.add(earlier.remove(random.nextInt(earlier.size())));
            }
            long byIdStart = System.nanoTime();
            Map<String, List<String>> expected = new HashMap<>();
            byId.forEach(traceId -> {
                if (stored.containsKey(traceId)) {
                    expected.put(traceId, stored.get(traceId));
                }
            });
            assertThat(StoredTraces.byIds(client, byId)).as("/api/traces/{id} vs the bulk read").isEqualTo(expected);
            System.out.printf("%d traces read by id (%d of the last round) in %d ms agree with the bulk read%n", byId.size(),
                    lastRoundTraces.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - byIdStart));
            checkSearch(client, stored, startMicros);

            System.out.printf("final stop (SIGTERM) exit code %d%n", jar.stop());
            stderrs.put("final.err", jar.stderr());
        }
        stderrs.forEach((file, stderr) -> assertThat(JarProcess.problemLines(stderr))
                .as("stack traces or SEVERE lines in %s after a kill -9; stderr:%n%s", file, stderr).isEmpty());
    }

    /** Lets the senders run until {@code killPoint} acknowledged spans in all, then SIGKILLs the appliance under them. */
    private static int killUnderLoad(JarProcess jar, long killPoint, List<SpanSender> senders, LogSender.Ledger ledger)
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
            assertThat(hit).as("%d acknowledged spans within %s (have %d); stderr:%n%s", killPoint, ROUND_TIMEOUT,
                    ledger.acknowledgedCount(), jar.stderr()).isTrue();
            return exit;
        }
    }

    private static List<Future<?>> send(ExecutorService pool, List<SpanSender> senders, AtomicBoolean stop,
                                        ApplianceClient client, LogSender.Ledger ledger) {
        List<Future<?>> running = new ArrayList<>();
        for (SpanSender sender : senders) {
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

    /**
     * Until the trace store has taken every WAL entry (lag 0) and a refresh has made them readable:
     * each sender's last acknowledged request is its newest entry, and a refresh writes everything
     * taken before it, so once all of them read back, everything does.
     */
    private static void awaitSettled(ApplianceClient client, List<SpanSender> senders) throws Exception {
        assertThat(client.metric(TRACES_LAG)).as("%s in /metrics", TRACES_LAG).isPresent();
        long start = System.nanoTime();
        Poll.until(TRACES_LAG + " is 0", Duration.ofSeconds(90), Duration.ofMillis(100),
                () -> client.metric(TRACES_LAG).orElse(-1) == 0);
        long lagZero = System.nanoTime();
        List<String> newest = senders.stream().flatMap(sender -> sender.lastAcknowledged().stream()).toList();
        Set<String> newestTraces = newest.stream().map(SpanSender::traceOf).collect(Collectors.toSet());
        Poll.until("every sender's last acknowledged spans read back", Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
            Map<String, List<String>> read = StoredTraces.bulk(client, newestTraces);
            return newest.stream().allMatch(id -> read.getOrDefault(SpanSender.traceOf(id), List.of())
                    .contains(id.substring(id.indexOf(':') + 1)));
        });
        System.out.printf("traces WAL consumer lag 0 after %d ms, everything readable %d ms later%n",
                TimeUnit.NANOSECONDS.toMillis(lagZero - start), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lagZero));
    }

    /** Jaeger's search by each front service answers each trace it finds as the bulk read does. */
    private static void checkSearch(ApplianceClient client, Map<String, List<String>> stored, long startMicros)
            throws Exception {
        long endMicros = micros(Instant.now()) + 60_000_000L;
        int found = 0;
        for (int c = 0; c < CLIENTS; c++) {
            String service = SpanSender.FRONT + c;
            Map<String, List<String>> searched = StoredTraces.search(client, service, SEARCH_LIMIT, startMicros, endMicros);
            assertThat(searched).as("traces found searching service %s", service).isNotEmpty();
            Map<String, List<String>> expected = new HashMap<>();
            searched.keySet().forEach(traceId -> expected.put(traceId, stored.get(traceId)));
            assertThat(searched).as("traces of the search for %s vs the bulk read", service).isEqualTo(expected);
            found += searched.size();
        }
        System.out.printf("%d traces found by service search agree with the bulk read%n", found);
    }

    /** The trace ids of every span any sender sent, acknowledged or not. */
    private static Set<String> traces(LogSender.Ledger ledger) {
        Set<String> traces = new HashSet<>();
        ledger.acknowledged().forEach(id -> traces.add(SpanSender.traceOf(id)));
        ledger.unacknowledged().forEach(id -> traces.add(SpanSender.traceOf(id)));
        return traces;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
