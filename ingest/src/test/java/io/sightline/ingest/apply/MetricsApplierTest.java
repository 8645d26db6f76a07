package io.sightline.ingest.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.sightline.ingest.Backpressure;
import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.IngestMetrics;
import io.sightline.ingest.Signal;
import io.sightline.ingest.Transport;
import io.sightline.ingest.otlp.IngestStatus;
import io.sightline.ingest.otlp.OtlpIngest;
import io.sightline.ingest.otlp.OtlpMetricsConfig;
import io.sightline.ingest.otlp.OtlpMetricsMapper;
import io.sightline.ingest.otlp.TestRequests;
import io.sightline.ingest.otlp.WalEntries;
import io.sightline.ingest.prometheus.AdmissionConfig;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleEntryWriter;
import io.sightline.ingest.prometheus.SampleWriter;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.wal.WalConfig;
import io.sightline.storage.wal.WriteAheadLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receiver → real metrics WAL → metrics applier → a recording SeriesAppender. */
class MetricsApplierTest {
    private static final long T = 1_700_000_000_000L;

    @TempDir
    Path directory;

    @Test
    void samplesAcknowledgedByTheReceiverReachTheAppenderAndResumeAfterRestart() {
        PrometheusRegistry registry = new PrometheusRegistry();
        ApplyMetrics applyMetrics = new ApplyMetrics(registry);
        try (WriteAheadLog metricsWal = wal("metrics"); WriteAheadLog logs = wal("logs"); WriteAheadLog traces = wal("traces")) {
            SampleWriter writer = new SampleWriter(metricsWal, AdmissionConfig.defaults(), InstantSource.system());
            OtlpIngest ingest = new OtlpIngest(java.util.Map.of(Signal.METRICS, metricsWal, Signal.LOGS, logs,
                    Signal.TRACES, traces), IngestLimits.defaults(), Backpressure.none(), new IngestMetrics(registry),
                    new OtlpMetricsMapper(OtlpMetricsConfig.defaults(), InstantSource.system()), writer);

            // An entry in the old format (OTLP protobuf), as data dirs written before sample batches hold.
            metricsWal.append(WalEntries.otlp(TestRequests.metrics("legacy.gauge", TestRequests.point(7)))).join();
            assertThat(ingest.ingest(Signal.METRICS, Transport.GRPC,
                    TestRequests.metrics("queue.depth", TestRequests.point(1)).toByteArray(), System.nanoTime())
                    .join().status()).isEqualTo(IngestStatus.OK);
            metricsWal.append(new byte[] {2, 1, 0, 0}).join(); // corrupt: skipped and counted
            metricsWal.append(entry("queue_depth", T - 5_000, 9)).join();
            long last = metricsWal.append(entry("queue_depth", T + 1_000, 2)).join();

            RecordingSeriesAppender store = new RecordingSeriesAppender(-1);
            MetricsApplier applier = new MetricsApplier(metricsWal, store, OtlpMetricsConfig.defaults(), applyMetrics)
                    .start();
            awaitTrue(() -> applier.appliedIndex() == last);
            applier.close();

            assertThat(store.samples).containsExactly(
                    "legacy_gauge{job=\"checkout\"} " + T + "=7.0",
                    "queue_depth{job=\"checkout\"} " + T + "=1.0",
                    "queue_depth{} " + (T - 5_000) + "=9.0",
                    "queue_depth{} " + (T + 1_000) + "=2.0");
            assertThat(store.metadata).contains(new MetricMetadata("queue_depth", "gauge", "", ""));
            assertThat(store.durableWalIndex()).isEqualTo(last);
            assertThat(metricsWal.consumerLags()).containsEntry(MetricsApplier.CONSUMER, 0L);
            assertThat(counter(registry, "sightline_ingest_apply_corrupt_entries")).isEqualTo(1);
            assertThat(counter(registry, "sightline_ingest_apply_rejected_samples")).isEqualTo(0);

            // After a restart the applier resumes after the store's durable index: only the new entry.
            long next = metricsWal.append(entry("queue_depth", T + 2_000, 3)).join();
            RecordingSeriesAppender restarted = new RecordingSeriesAppender(last);
            MetricsApplier again = new MetricsApplier(metricsWal, restarted, OtlpMetricsConfig.defaults(),
                    new ApplyMetrics(new PrometheusRegistry())).start();
            awaitTrue(() -> again.appliedIndex() == next);
            again.close();
            assertThat(restarted.samples).containsExactly("queue_depth{} " + (T + 2_000) + "=3.0");
        }
    }

    @Test
    void samplesTheStoreRefusesAreCountedAndDoNotStopTheApplier() {
        PrometheusRegistry registry = new PrometheusRegistry();
        try (WriteAheadLog metricsWal = wal("metrics")) {
            metricsWal.append(entry("m", T, 1)).join();
            metricsWal.append(entry("m", T - 1, 2)).join();
            long last = metricsWal.append(entry("m", T + 1, 3)).join();
            RecordingSeriesAppender store = new RecordingSeriesAppender(-1);
            MetricsApplier applier = new MetricsApplier(metricsWal, store, OtlpMetricsConfig.defaults(),
                    new ApplyMetrics(registry)).start();
            awaitTrue(() -> applier.appliedIndex() == last);
            applier.close();
            assertThat(store.samples).containsExactly("m{} " + T + "=1.0", "m{} " + (T + 1) + "=3.0");
            assertThat(counter(registry, "sightline_ingest_apply_rejected_samples")).isEqualTo(1);
            assertThat(applier.healthy()).isTrue();
        }
    }

    private static byte[] entry(String metric, long t, double v) {
        SampleBatch batch = new SampleBatch();
        batch.beginSeries(0);
        batch.label("__name__", metric);
        batch.sample(t, v);
        return new SampleEntryWriter().encode(batch);
    }

    private WriteAheadLog wal(String name) {
        return WriteAheadLog.open(name, WalConfig.defaults(directory.resolve(name)), InstantSource.system());
    }

    private static double counter(PrometheusRegistry registry, String name) {
        return registry.scrape().stream().filter(s -> s.getMetadata().getName().equals(name))
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
