package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.Signal;
import io.sightline.ingest.otlp.WalEntries;
import io.sightline.storage.wal.WalConfig;
import io.sightline.storage.wal.WriteAheadLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applying configurations to running exporters: unchanged ones run on, changed ones restart from their position, removed ones stop. */
class ExportersTest {
    @TempDir
    Path dir;

    private final AtomicInteger pushes = new AtomicInteger();
    private HttpServer sink;
    private WriteAheadLog logs;
    private Exporters exporters;

    @BeforeEach
    void start() throws IOException {
        sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/loki/api/v1/push", exchange -> {
            exchange.getRequestBody().readAllBytes();
            pushes.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        sink.start();
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-30T10:00:00Z"));
        logs = WriteAheadLog.open("logs", WalConfig.defaults(dir.resolve("wal")), clock);
        exporters = new Exporters(Map.of(Signal.LOGS, logs), dir.resolve("export"), 1024, new PrometheusRegistry(), clock);
    }

    @AfterEach
    void stop() {
        exporters.close();
        logs.close();
        sink.stop(0);
    }

    @Test
    void unchangedExportersRunOnChangedOnesResumeRemovedOnesStop() {
        ExporterConfig loki = loki("loki", "http://127.0.0.1:" + sink.getAddress().getPort() + "/loki/api/v1/push");
        exporters.apply(List.of(loki));
        append(3);
        await(() -> sent() == 3);

        exporters.apply(List.of(loki));
        append(2);
        await(() -> sent() == 5);
        assertThat(exporters.states()).singleElement().satisfies(s -> assertThat(s.sentItems()).as("the same tailer").isEqualTo(5));

        ExporterConfig moved = loki("loki", "http://localhost:" + sink.getAddress().getPort() + "/loki/api/v1/push");
        exporters.apply(List.of(moved));
        append(1);
        await(() -> sent() == 1);
        assertThat(exporters.states()).singleElement().satisfies(s -> {
            assertThat(s.target()).contains("localhost");
            assertThat(s.sentItems()).as("a new tailer, resumed after what the old one sent").isEqualTo(1);
        });

        exporters.apply(List.of());
        assertThat(exporters.states()).isEmpty();
    }

    @Test
    void aConfigurationThatCannotBeBuiltChangesNothing() {
        ExporterConfig loki = loki("loki", "http://127.0.0.1:" + sink.getAddress().getPort() + "/loki/api/v1/push");
        exporters.apply(List.of(loki));
        ExporterConfig broken = new ExporterConfig("other", ExportProtocol.LOKI, java.net.URI.create("https://x/loki/api/v1/push"),
                java.util.Set.of(Signal.LOGS), Map.of(), true, Duration.ofSeconds(1), ExportTls.trusting(dir.resolve("no-ca.pem")),
                ExportFilter.ALL, BatchLimits.DEFAULT, RetryPolicy.DEFAULT, BacklogBound.DEFAULT, 1,
                io.sightline.storage.tsdb.Labels.EMPTY, true);
        assertThatThrownBy(() -> exporters.apply(List.of(loki, broken))).hasMessageContaining("no-ca.pem");
        append(2);
        await(() -> sent() == 2);
        assertThat(exporters.states()).extracting(ExporterState::exporter).containsExactly("loki");
    }

    private long sent() {
        return exporters.states().stream().mapToLong(ExporterState::sentItems).sum();
    }

    private ExporterConfig loki(String name, String url) {
        return new ExporterConfig(name, ExportProtocol.LOKI, java.net.URI.create(url), java.util.Set.of(Signal.LOGS), Map.of(),
                true, Duration.ofSeconds(5), ExportTls.DEFAULT, ExportFilter.ALL, new BatchLimits(1 << 20, Duration.ofMillis(10)),
                new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50)), BacklogBound.DEFAULT, 1,
                io.sightline.storage.tsdb.Labels.EMPTY, true);
    }

    private void append(int records) {
        for (int i = 0; i < records; i++) {
            LogRecord record = LogRecord.newBuilder().setTimeUnixNano(1_796_000_000_000_000_000L + i)
                    .setBody(AnyValue.newBuilder().setStringValue("line " + i)).build();
            ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                            .setValue(AnyValue.newBuilder().setStringValue("svc"))))
                    .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record))).build();
            logs.append(WalEntries.otlp(request)).join();
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
