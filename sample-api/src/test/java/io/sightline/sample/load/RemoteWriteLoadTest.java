package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generator against an in-process receiver that decodes every body and checks that
 * each series' timestamps only move forward, one interval at a time.
 */
class RemoteWriteLoadTest {

    private HttpServer server;
    private ExecutorService executor;
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong otlpPoints = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();
    private final AtomicLong badRequests = new AtomicLong();
    private final Map<Map<String, String>, Long> lastTimestamp = new ConcurrentHashMap<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/v1/write")) {
                if (!"snappy".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        || !"0.1.0".equals(exchange.getRequestHeaders().getFirst("X-Prometheus-Remote-Write-Version"))) {
                    badRequests.incrementAndGet();
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                for (RemoteWriteDecoder.Series s : RemoteWriteDecoder.decode(body, body.length)) {
                    long ts = s.samples().getFirst().timestampMillis();
                    Long before = lastTimestamp.put(s.labels(), ts);
                    if (before != null && ts != before + 15_000) {
                        violations.incrementAndGet();
                    }
                    samples.incrementAndGet();
                }
                exchange.sendResponseHeaders(204, -1);
            } else if (path.equals("/v1/metrics")) {
                ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
                request.getResourceMetricsList().forEach(r -> r.getScopeMetricsList().forEach(sm -> {
                    for (Metric m : sm.getMetricsList()) {
                        otlpPoints.addAndGet(m.getSum().getDataPointsCount() + m.getGauge().getDataPointsCount()
                                + m.getHistogram().getDataPointsCount());
                    }
                }));
                exchange.sendResponseHeaders(200, 0);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void backfillStopsAtNowWithEverySeriesInOrder() throws InterruptedException {
        Instant before = Instant.now();
        MetricLoadSummary summary = RemoteWriteLoad.run(MetricLoadConfig.builder()
                .endpoint(url("/api/v1/write")).series(1_000).batch(300).connections(3).samplesPerSecond(0)
                .startAgo(Duration.ofMinutes(10)).stopAtNow(true).duration(Duration.ofSeconds(60))
                .progressInterval(Duration.ZERO).build(), new PrintStream(new ByteArrayOutputStream()));

        assertThat(badRequests.get()).isZero();
        assertThat(violations.get()).isZero();
        assertThat(lastTimestamp).hasSize(1_000);
        assertThat(summary.samplesAcknowledged()).isEqualTo(samples.get()).isEqualTo(summary.samplesSent());
        assertThat(summary.statusCounts()).containsOnlyKeys(204);
        // 10 minutes of 15 s scrapes, and the scrape in progress at the start is never sent
        assertThat(summary.scrapesComplete()).isBetween(39L, 41L);
        assertThat(samples.get()).isEqualTo(summary.scrapesComplete() * 1_000);
        assertThat(summary.simulatedEndMillis()).isLessThanOrEqualTo(Instant.now().toEpochMilli());
        assertThat(summary.simulatedStartMillis()).isBetween(before.minusSeconds(615).toEpochMilli(),
                before.minusSeconds(600).toEpochMilli());
        assertThat(summary.notSent()).isZero();
        assertThat(summary.caughtUp()).isFalse();
    }

    @Test
    void pacedRunsKeepTheRateAndCountStatuses() throws InterruptedException {
        MetricLoadSummary summary = RemoteWriteLoad.run(MetricLoadConfig.builder()
                .endpoint(url("/api/v1/write")).series(2_000).batch(500).connections(2).samplesPerSecond(20_000)
                .startAgo(Duration.ofHours(1)).duration(Duration.ofSeconds(2))
                .progressInterval(Duration.ZERO).build(), new PrintStream(new ByteArrayOutputStream()));

        assertThat(violations.get()).isZero();
        assertThat(summary.samplesAcknowledged()).isEqualTo(samples.get());
        // 2 s at 20,000/s = 40,000 samples = 20 scrapes of 2,000 series
        assertThat(samples.get()).isBetween(36_000L, 40_000L);
        assertThat(summary.firstRejection()).isNull();
    }

    @Test
    void aFixedNumberOfScrapesFromAFixedStartSendsTheSameSamplesTwice() throws InterruptedException {
        MetricLoadConfig config = MetricLoadConfig.builder()
                .endpoint(url("/api/v1/write")).series(300).connections(2).samplesPerSecond(0)
                .startAt(Instant.now().minusSeconds(3_600)).maxScrapes(12).progressInterval(Duration.ZERO).build();
        MetricLoadSummary first = RemoteWriteLoad.run(config, new PrintStream(new ByteArrayOutputStream()));
        Map<Map<String, String>, Long> afterFirst = Map.copyOf(lastTimestamp);
        lastTimestamp.clear();
        MetricLoadSummary second = RemoteWriteLoad.run(config, new PrintStream(new ByteArrayOutputStream()));

        assertThat(first.samplesAcknowledged()).isEqualTo(second.samplesAcknowledged()).isEqualTo(12 * 300);
        assertThat(first.scrapesComplete()).isEqualTo(12);
        assertThat(first.simulatedEndMillis()).isEqualTo(second.simulatedEndMillis())
                .isEqualTo(first.simulatedStartMillis() + 12 * 15_000);
        assertThat(lastTimestamp).isEqualTo(afterFirst);
        assertThat(violations.get()).isZero();
    }

    @Test
    void nonSuccessStatusesAreCountedAndTheFirstBodyKept() throws InterruptedException {
        MetricLoadSummary summary = RemoteWriteLoad.run(MetricLoadConfig.builder()
                .endpoint(url("/nowhere")).series(100).samplesPerSecond(0).maxRequests(3).connections(1)
                .progressInterval(Duration.ZERO).build(), new PrintStream(new ByteArrayOutputStream()));

        assertThat(summary.statusCounts()).containsExactly(Map.entry(404, 3L));
        assertThat(summary.samplesRejected()).isEqualTo(300);
        assertThat(summary.samplesAcknowledged()).isZero();
        assertThat(summary.firstRejection()).startsWith("404");
    }

    @Test
    void otlpModeSendsTheSameSeriesAsMetricPoints() throws InterruptedException {
        MetricLoadSummary summary = RemoteWriteLoad.run(MetricLoadConfig.builder().otlp(true)
                .endpoint(url("/v1/metrics")).series(1_000).connections(2).samplesPerSecond(0)
                .startAgo(Duration.ofMinutes(5)).stopAtNow(true).progressInterval(Duration.ZERO).build(),
                new PrintStream(new ByteArrayOutputStream()));

        assertThat(summary.protocol()).isEqualTo("otlp");
        assertThat(summary.scrapesComplete()).isBetween(19L, 21L);
        assertThat(summary.statusCounts()).containsOnlyKeys(200);
        assertThat(summary.samplesAcknowledged()).isEqualTo(summary.scrapesComplete() * 1_000);
        // per target and scrape: 30 counter points, 5 histogram points, 5 gauge points
        assertThat(otlpPoints.get()).isEqualTo(summary.scrapesComplete() * 10 * 40);
    }

    @Test
    void commandLineWritesJsonAndRejectsBadFlags(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("out.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RemoteWriteLoad.execute(new String[] {"--endpoint", url("/api/v1/write").toString(),
                "--series", "500", "--rate=0", "--start-ago", "2m", "--stop-at-now", "--progress", "0",
                "--json", json.toString()}, new PrintStream(out), new PrintStream(err));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("samples acknowledged");
        assertThat(Files.readString(json)).contains("\"samplesAcknowledged\":" + samples.get())
                .contains("\"statusCounts\":{\"204\":");
        assertThat(RemoteWriteLoad.execute(new String[] {"--series", "0"}, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(OtlpLogLoad.EXIT_USAGE);
        assertThat(RemoteWriteLoad.execute(new String[] {"--start-at", "yesterday"}, new PrintStream(out),
                new PrintStream(err))).isEqualTo(OtlpLogLoad.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--series must be between 1")
                .contains("--start-at must be an instant");
    }
}
