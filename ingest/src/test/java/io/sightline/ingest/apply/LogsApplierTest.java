package io.sightline.ingest.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.sightline.ingest.otlp.LineTruncation;
import io.sightline.ingest.otlp.TestRequests;
import io.sightline.ingest.otlp.WalEntries;
import io.sightline.storage.logs.LogPage;
import io.sightline.storage.logs.LogSearch;
import io.sightline.storage.logs.LogStoreConfig;
import io.sightline.storage.logs.LuceneLogStore;
import io.sightline.storage.wal.WalConfig;
import io.sightline.storage.wal.WriteAheadLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logs applier between a real WAL and a real Lucene log store. */
class LogsApplierTest {
    @TempDir
    Path directory;

    private static ExportLogsServiceRequest request(String body) {
        long now = Instant.now().toEpochMilli() * 1_000_000L;
        return TestRequests.logs(TestRequests.log(body).toBuilder().setTimeUnixNano(now).build());
    }

    @Test
    void appliesEntriesInOrderSkipsCorruptOnesAndResumesAfterRestart() {
        try (WriteAheadLog wal = WriteAheadLog.open("logs", WalConfig.defaults(directory.resolve("wal")),
                InstantSource.system())) {
            wal.append(WalEntries.otlp(request("first entry"))).join();
            wal.append(new byte[] {42, 1, 2, 3}).join();
            long third = wal.append(WalEntries.otlp(request("third entry"))).join();

            PrometheusRegistry registry = new PrometheusRegistry();
            try (LuceneLogStore store = LuceneLogStore.open(LogStoreConfig.defaults(directory.resolve("logs")),
                    InstantSource.system())) {
                LogsApplier applier = new LogsApplier(wal, store, registry).start();
                awaitTrue(() -> applier.appliedIndex() == third);
                applier.close();
                // Indexing threads work behind the applier: wait until both records are searchable.
                awaitTrue(() -> {
                    store.refresh();
                    return bodies(store).size() == 2;
                });
                store.commit();

                assertThat(bodies(store)).containsExactlyInAnyOrder("first entry", "third entry");
                assertThat(store.durableWalIndex()).isEqualTo(third);
                assertThat(wal.consumerLags()).containsEntry(LogsApplier.CONSUMER, 0L);
                assertThat(corruptEntries(registry)).isEqualTo(1);
            }

            long fourth = wal.append(WalEntries.otlp(request("fourth entry"))).join();
            try (LuceneLogStore store = LuceneLogStore.open(LogStoreConfig.defaults(directory.resolve("logs")),
                    InstantSource.system())) {
                assertThat(store.durableWalIndex()).isEqualTo(third);
                LogsApplier applier = new LogsApplier(wal, store, new PrometheusRegistry()).start();
                awaitTrue(() -> applier.appliedIndex() == fourth);
                applier.close();
                awaitTrue(() -> {
                    store.refresh();
                    return bodies(store).size() == 3;
                });

                assertThat(bodies(store)).containsExactlyInAnyOrder("first entry", "third entry", "fourth entry");
                LogPage page = search(store, Optional.of("checkout"));
                assertThat(page.records().getFirst().serviceName()).isEqualTo("checkout");
                assertThat(page.records().getFirst().traceId()).hasSize(32);
            }
        }
    }

    @Test
    void bodiesOverTheLineLimitAreCutWithAMarkerAndCounted() {
        try (WriteAheadLog wal = WriteAheadLog.open("logs", WalConfig.defaults(directory.resolve("wal")),
                InstantSource.system());
             LuceneLogStore store = LuceneLogStore.open(LogStoreConfig.defaults(directory.resolve("logs")),
                     InstantSource.system())) {
            long index = wal.append(WalEntries.otlp(request("x".repeat(100)))).join();
            PrometheusRegistry registry = new PrometheusRegistry();
            LogsApplier applier = new LogsApplier(wal, store, new ApplyMetrics(registry), 50).start();
            awaitTrue(() -> applier.appliedIndex() == index);
            applier.close();
            awaitTrue(() -> {
                store.refresh();
                return bodies(store).size() == 1;
            });

            assertThat(bodies(store)).containsExactly("x".repeat(50 - LineTruncation.MARKER.length()) + LineTruncation.MARKER);
            assertThat(counter(registry, "sightline_ingest_apply_truncated_lines")).isEqualTo(1);
            assertThat(counter(registry, "sightline_ingest_apply_truncated_bytes")).isEqualTo(100 - 38);
        }
    }

    @Test
    void closeStopsAnIdleApplierPromptly() {
        try (WriteAheadLog wal = WriteAheadLog.open("logs", WalConfig.defaults(directory.resolve("wal")),
                InstantSource.system());
             LuceneLogStore store = LuceneLogStore.open(LogStoreConfig.defaults(directory.resolve("logs")),
                     InstantSource.system())) {
            LogsApplier applier = new LogsApplier(wal, store, new PrometheusRegistry()).start();
            long start = System.nanoTime();
            applier.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(applier.appliedIndex()).isEqualTo(-1);
        }
    }

    private static java.util.List<String> bodies(LuceneLogStore store) {
        return search(store, Optional.empty()).records().stream().map(r -> r.body()).toList();
    }

    private static LogPage search(LuceneLogStore store, Optional<String> service) {
        return store.search(new LogSearch(0, Long.MAX_VALUE, service, 0, Optional.empty(), Map.of(),
                Optional.empty(), 100, Optional.empty(), Duration.ofSeconds(10)));
    }

    private static double corruptEntries(PrometheusRegistry registry) {
        return counter(registry, "sightline_ingest_apply_corrupt_entries");
    }

    private static double counter(PrometheusRegistry registry, String name) {
        return registry.scrape().stream()
                .filter(s -> s.getMetadata().getName().equals(name))
                .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }

    private static void awaitTrue(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not met in time").isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
