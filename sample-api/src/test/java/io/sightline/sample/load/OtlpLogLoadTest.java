package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the generator against a tiny in-process OTLP/HTTP receiver that counts records. */
class OtlpLogLoadTest {

    private HttpServer server;
    private ExecutorService executor;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong badPaths = new AtomicLong();
    /** Every n-th request is answered 503 (0 = never); every m-th 200 reports 1 rejected record. */
    private volatile int rejectEvery;
    private volatile int partialEvery;

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
            if (!exchange.getRequestURI().getPath().equals("/v1/logs")
                    || !"application/x-protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                badPaths.incrementAndGet();
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            long n = requests.incrementAndGet();
            if (rejectEvery > 0 && n % rejectEvery == 0) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(body);
            int count = request.getResourceLogsList().stream()
                    .flatMap(r -> r.getScopeLogsList().stream())
                    .mapToInt(s -> s.getLogRecordsCount()).sum();
            ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
            if (partialEvery > 0 && n % partialEvery == 0) {
                response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(1));
                count--;
            }
            records.addAndGet(count);
            byte[] bytes = response.build().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private LoadConfig.Builder config() {
        return LoadConfig.builder()
                .endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .batch(50)
                .connections(2)
                .services(3)
                .poolSize(4)
                .progressInterval(Duration.ZERO);
    }

    @Test
    void pacedRunSendsTheScheduledRecordsAndTheServerCountsThemAll(@TempDir Path dir) {
        Path json = dir.resolve("summary.json");
        // 2,000 records/s in batches of 50 = 40 requests/s, for 1 s = 40 requests, 2,000 records
        LoadConfig cfg = config().recordsPerSecond(2_000).duration(Duration.ofSeconds(1))
                .jsonOutput(json).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        long t0 = System.nanoTime();
        int status = OtlpLogLoad.execute(args(cfg), print(out), print(err));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(badPaths.get()).isZero();
        assertThat(tookMs).as("bounded by --duration").isLessThan(10_000);
        assertThat(json).exists();
        String summary = readString(json);
        // On a starved machine the last requests may miss the deadline; they must then be reported
        // as not sent rather than vanish.
        long notSent = Long.parseLong(summary.replaceAll(".*\"notSent\":(\\d+).*\\s*", "$1"));
        assertThat(requests.get() + notSent).isEqualTo(40);
        assertThat(requests.get()).isGreaterThanOrEqualTo(30);
        assertThat(records.get()).isEqualTo(requests.get() * 50);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("records acknowledged  " + records.get(), "p99");
        assertThat(summary).contains("\"requests\":" + requests.get(),
                "\"recordsAcknowledged\":" + records.get(),
                "\"statusCounts\":{\"200\":" + requests.get() + "}", "\"latencyMs\":{\"p50\":");
    }

    @Test
    void rejectionsAndPartialSuccessAreCountedApart() throws Exception {
        rejectEvery = 5;
        partialEvery = 3;
        LoadSummary s = OtlpLogLoad.run(config().recordsPerSecond(0).maxRequests(30)
                .duration(Duration.ofSeconds(30)).build(), print(new ByteArrayOutputStream()));

        assertThat(s.requests()).isEqualTo(30);
        assertThat(s.statusCounts()).containsEntry(503, 6L).containsEntry(200, 24L);
        assertThat(s.rejectedRequests()).isEqualTo(6);
        // requests 3, 6, ..., 30 that were not 503s (15 and 30 were) report one rejected record each
        long partial = 8;
        assertThat(s.recordsAcknowledged()).isEqualTo(24 * 50 - partial).isEqualTo(records.get());
        assertThat(s.recordsRejected()).isEqualTo(6 * 50 + partial);
        assertThat(s.recordsSent()).isEqualTo(30 * 50);
        assertThat(s.notSent()).isZero();
        assertThat(s.latencyMaxMs()).isGreaterThan(0).isGreaterThanOrEqualTo(s.latencyP99Ms());
    }

    @Test
    void warmupRequestsAreSentButCountedApart() throws Exception {
        // 40 requests/s: 20 in the 500 ms warm-up, 20 in the measured 500 ms
        LoadSummary s = OtlpLogLoad.run(config().recordsPerSecond(2_000)
                .warmup(Duration.ofMillis(500)).duration(Duration.ofMillis(500)).build(),
                print(new ByteArrayOutputStream()));

        assertThat(s.warmupRequests() + s.requests() + s.notSent()).isEqualTo(40);
        assertThat(s.warmupRequests()).isBetween(15L, 20L);
        assertThat(s.requests() + s.warmupRequests()).isEqualTo(requests.get());
        assertThat(s.recordsAcknowledged() + s.warmupRecordsAcknowledged()).isEqualTo(records.get());
        assertThat(s.toJson()).contains("\"warmupRecordsAcknowledged\":" + s.warmupRecordsAcknowledged());
    }

    @Test
    void aDeadEndpointCountsFailuresAndExitsNonZero() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = {"--endpoint", "http://127.0.0.1:" + port, "--rate", "1000", "--batch", "10",
                "--duration", "300ms", "--connections", "1", "--progress", "0"};
        int status = OtlpLogLoad.execute(args, print(out), print(new ByteArrayOutputStream()));
        assertThat(status).isEqualTo(OtlpLogLoad.EXIT_NOTHING_ACKNOWLEDGED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("errors", "ConnectException");
    }

    @Test
    void progressLinesGoToTheProgressStream() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        OtlpLogLoad.run(config().recordsPerSecond(1_000).duration(Duration.ofMillis(700))
                .progressInterval(Duration.ofMillis(200)).build(), print(progress));
        String lines = progress.toString(StandardCharsets.UTF_8);
        assertThat(lines).contains("bodies of 50 records", "acknowledged", "records/s now");
        assertThat(lines.lines().filter(l -> l.startsWith("[")).count()).isBetween(2L, 4L);
    }

    @Test
    void backfillSendsEveryRecordOnceSpreadOverTheSpanAndWritesTheRawFile(@TempDir Path dir) throws IOException {
        Path raw = dir.resolve("raw.log");
        String[] args = {"--endpoint", "http://127.0.0.1:" + server.getAddress().getPort(), "--rate", "0",
                "--batch", "100", "--max-requests", "30", "--connections", "3", "--duration", "60s",
                "--progress", "0", "--span", "2h", "--span-end", "2027-01-15T08:00:00Z", "--lean",
                "--timeout-percent", "2", "--token", "needleQX9", "--raw-out", raw.toString()};
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = OtlpLogLoad.execute(args, print(new ByteArrayOutputStream()), print(err));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(records.get()).isEqualTo(3_000);
        java.util.List<String> lines = Files.readAllLines(raw);
        assertThat(lines).hasSize(3_000).doesNotHaveDuplicates();
        assertThat(lines.stream().filter(l -> l.contains("needleQX9")).count()).isEqualTo(3);
        assertThat(lines.stream().filter(l -> l.contains("timeout")).count()).isBetween(20L, 110L);
        assertThat(lines.stream().map(l -> l.substring(0, 30)).sorted())
                .first().isEqualTo("2027-01-15T06:00:00.000000000Z");
        assertThat(lines).allSatisfy(l -> assertThat(l.substring(0, 30)).startsWith("2027-01-15T0")
                .isLessThan("2027-01-15T08:00:00.000000000Z"));
        assertThat(lines).allSatisfy(l -> assertThat(l).matches("\\S+ service=\\S+ level=(DEBUG|INFO|WARN|ERROR) .*"));
    }

    private static String[] args(LoadConfig c) {
        return new String[] {
            "--endpoint", c.endpoint().toString(), "--rate", Long.toString(c.recordsPerSecond()),
            "--duration", c.duration().toMillis() + "ms", "--batch", Integer.toString(c.batch()),
            "--connections", Integer.toString(c.connections()), "--services", Integer.toString(c.services()),
            "--pool", Integer.toString(c.poolSize()), "--progress", "0",
            "--json", c.jsonOutput().orElseThrow().toString(),
        };
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
