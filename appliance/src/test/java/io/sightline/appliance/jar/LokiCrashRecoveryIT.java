package io.sightline.appliance.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sightline.appliance.loki.LokiPushBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 under Loki push load, twice, then count: the real jar takes pushes from {@value #CLIENTS}
 * clients at full speed (snappy protobuf, JSON and gzip JSON, as Promtail, Alloy and Fluent Bit
 * send) and is SIGKILLed at seeded numbers of acknowledged entries, then restarted on the same data
 * directory. Every entry carries a unique {@code rec.id} in its structured metadata and its line. At
 * the end every acknowledged entry (answer 204) must be searchable exactly once; entries in flight
 * at a kill may or may not be there, never twice. Replay the kill points with {@code -Dtests.seed=N}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LokiCrashRecoveryIT {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final int CLIENTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(60);
    private static final int FINAL_ENTRIES = 1_000;
    private static final Duration SETTLED_FOR = Duration.ofSeconds(2);
    private static final int PAGE = 5_000;
    private static final String SERVICE = "loki-crash";
    private static final String LOGS_LAG = "sightline_wal_consumer_lag_entries{consumer=\"logs-store\",signal=\"logs\"}";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedPushSurvivesKillNineExactlyOnce() throws Exception {
        System.out.printf("LokiCrashRecoveryIT seed %d (replay with -Dtests.seed=%d)%n", SEED, SEED);
        Random random = new Random(SEED);
        long[] killPoints = {2_000 + random.nextInt(2_001), 10_000 + random.nextInt(10_001)};
        System.out.printf("kill points %s%n", Arrays.toString(killPoints));
        Path data = dir.resolve("data");
        LogSender.Ledger ledger = new LogSender.Ledger();
        List<Pusher> pushers = IntStream.range(0, CLIENTS).mapToObj(client -> new Pusher(client, SEED)).toList();

        for (int round = 0; round < killPoints.length; round++) {
            try (JarProcess jar = JarProcess.serve(dir, "round" + round, data, List.of(), List.of(),
                    List.of("--logs.commit-interval", round == 0 ? "5s" : "200ms"), READY_TIMEOUT)) {
                CountDownLatch reached = ledger.aim(killPoints[round]);
                AtomicBoolean stop = new AtomicBoolean();
                try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
                    List<Future<?>> running = send(pool, pushers, stop, jar.client(), ledger);
                    boolean hit = reached.await(ROUND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    int exit = jar.kill();
                    stop.set(true);
                    for (Future<?> future : running) {
                        future.get(60, TimeUnit.SECONDS);
                    }
                    assertThat(hit).as("%d acknowledged entries within %s; stderr:%n%s", killPoints[round],
                            ROUND_TIMEOUT, jar.stderr()).isTrue();
                    System.out.printf("round %d: killed (exit %d) at %d acknowledged%n", round, exit, ledger.acknowledgedCount());
                }
            }
        }

        try (JarProcess jar = JarProcess.serve(dir, "final", data, List.of(), List.of(), List.of(), READY_TIMEOUT)) {
            ApplianceClient client = jar.client();
            CountDownLatch reached = ledger.aim(ledger.acknowledgedCount() + FINAL_ENTRIES);
            AtomicBoolean stop = new AtomicBoolean();
            long failuresBefore = ledger.connectionFailures();
            try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
                List<Future<?>> running = send(pool, pushers, stop, client, ledger);
                boolean hit = reached.await(ROUND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                stop.set(true);
                for (Future<?> future : running) {
                    future.get(60, TimeUnit.SECONDS);
                }
                assertThat(hit).as("the recovered appliance acknowledges %d more entries", FINAL_ENTRIES).isTrue();
            }
            assertThat(ledger.connectionFailures()).as("failed pushes to the recovered appliance").isEqualTo(failuresBefore);

            awaitSettled(client);
            Map<String, Integer> stored = readAll(client);
            Set<String> missing = new HashSet<>(ledger.acknowledged());
            missing.removeAll(stored.keySet());
            Set<String> unknown = new HashSet<>(stored.keySet());
            unknown.removeAll(ledger.acknowledged());
            unknown.removeAll(ledger.unacknowledged());
            System.out.printf("acknowledged %d, sent but not acknowledged %d, stored %d, refusals %s%n",
                    ledger.acknowledgedCount(), ledger.unacknowledged().size(), stored.size(), ledger.refusals());

            assertThat(missing).as("acknowledged entries missing after recovery (seed %d)", SEED).isEmpty();
            assertThat(stored.entrySet().stream().filter(e -> e.getValue() > 1).toList())
                    .as("entries stored more than once (seed %d)", SEED).isEmpty();
            assertThat(unknown).as("entries nobody sent").isEmpty();
            assertThat(ledger.refusals()).as("answers other than 204 and backpressure")
                    .allSatisfy((status, count) -> assertThat(status).isIn(429, 503));
            assertThat(JarProcess.problemLines(jar.stderr())).as("stack traces or SEVERE lines after kill -9").isEmpty();
        }
    }

    private static List<Future<?>> send(ExecutorService pool, List<Pusher> pushers, AtomicBoolean stop,
                                        ApplianceClient client, LogSender.Ledger ledger) {
        List<Future<?>> running = new ArrayList<>();
        for (Pusher pusher : pushers) {
            running.add(pool.submit(() -> {
                pusher.pushUntil(stop, client, ledger);
                return null;
            }));
        }
        return running;
    }

    private static void awaitSettled(ApplianceClient client) throws Exception {
        long[] last = {-1, System.nanoTime()};
        Poll.until("the log index settles", Duration.ofSeconds(90), Duration.ofMillis(250), () -> {
            long total = client.countLogs(Map.of("service", SERVICE));
            double lag = client.metric(LOGS_LAG).orElse(-1);
            long now = System.nanoTime();
            if (total != last[0] || lag != 0) {
                last[0] = total;
                last[1] = now;
                return false;
            }
            return now - last[1] >= SETTLED_FOR.toNanos();
        });
    }

    /** How often each rec.id is stored, every page read; also checks each line names its id. */
    private static Map<String, Integer> readAll(ApplianceClient client) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        String cursor = null;
        do {
            Map<String, String> parameters = new LinkedHashMap<>(Map.of("service", SERVICE, "limit", Integer.toString(PAGE)));
            if (cursor != null) {
                parameters.put("cursor", cursor);
            }
            JsonObject data = client.searchLogs(parameters);
            for (JsonElement element : data.getAsJsonArray("records")) {
                JsonObject record = element.getAsJsonObject();
                String id = record.getAsJsonObject("attributes").get(LogSender.ID_ATTRIBUTE).getAsString();
                assertThat(record.get("body").getAsString()).contains(id + " ");
                counts.merge(id, 1, Integer::sum);
            }
            cursor = data.get("next").isJsonNull() ? null : data.get("next").getAsString();
        } while (cursor != null);
        return counts;
    }

    /** One push client: client 0 sends snappy protobuf, 1 JSON, 2 gzip JSON. One thread at a time. */
    private static final class Pusher {
        private final int client;
        private final Random random;
        private long nextSeq;

        Pusher(int client, long seed) {
            this.client = client;
            this.random = new Random(seed * 31 + client);
        }

        void pushUntil(AtomicBoolean stop, ApplianceClient appliance, LogSender.Ledger ledger) {
            while (!stop.get()) {
                Instant now = Instant.now();
                long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                List<String> ids = new ArrayList<>();
                List<LokiPushBody.Entry> entries = new ArrayList<>();
                for (int i = 50 + random.nextInt(101); i > 0; i--) {
                    String id = "l" + client + "-" + nextSeq++;
                    ids.add(id);
                    entries.add(new LokiPushBody.Entry(nanos + ids.size(), "loki crash record " + id + " pushed",
                            Map.of(LogSender.ID_ATTRIBUTE, id)));
                }
                List<LokiPushBody.Stream> streams = List.of(new LokiPushBody.Stream(
                        new LinkedHashMap<>(Map.of("app", SERVICE, "client", Integer.toString(client))), entries));
                try {
                    int status = switch (client % 3) {
                        case 0 -> appliance.lokiPush(LokiPushBody.protobuf(streams), "application/x-protobuf", null);
                        case 1 -> appliance.lokiPush(LokiPushBody.json(streams), "application/json", null);
                        default -> appliance.lokiPush(LokiPushBody.gzip(LokiPushBody.json(streams)), "application/json", "gzip");
                    };
                    if (status == 204) {
                        ledger.acknowledged(ids);
                    } else {
                        ledger.refused(ids, status);
                    }
                } catch (IOException e) {
                    ledger.failed(ids, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
