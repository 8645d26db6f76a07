package io.sightline.ingest.loki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

import io.helidon.webserver.WebServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.IngestMetrics;
import io.sightline.ingest.Overload;
import io.sightline.ingest.Signal;
import io.sightline.ingest.otlp.WalEntries;
import io.sightline.storage.wal.WalConfig;
import io.sightline.storage.wal.WalReader;
import io.sightline.storage.wal.WriteAheadLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Loki push receiver on a real Helidon server and a real logs WAL, driven over HTTP. */
class LokiPushServiceTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final long T = NOW.getEpochSecond() * 1_000_000_000L;
    private static final int LIMIT = 64 * 1024;

    @TempDir
    Path directory;

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicReference<Optional<Overload>> overload = new AtomicReference<>(Optional.empty());
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private WriteAheadLog wal;
    private WebServer server;

    @BeforeEach
    void start() {
        wal = WriteAheadLog.open("logs", WalConfig.defaults(directory), InstantSource.system());
        LokiPushConfig config = new LokiPushConfig(LIMIT, 15, 1024, 2048, Duration.ofDays(7), Duration.ofMinutes(10),
                LokiPushConfig.DEFAULT_DISCOVER_SERVICE_NAME);
        LokiPushService service = new LokiPushService(wal, config, signal -> overload.get(), new IngestMetrics(registry),
                InstantSource.fixed(NOW));
        server = WebServer.builder().host("127.0.0.1").port(0).contentEncoding(LokiPushService.contentEncoding())
                .routing(routing -> routing.register(service)).build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        wal.close();
    }

    @Test
    void snappyProtobufIsAcceptedWith204AndWrittenAsOtlp() throws Exception {
        HttpResponse<String> response = send(new PushRequests().stream("{job=\"varlogs\", app=\"api\"}")
                .entry(T - 5, "GET / 200", "trace_id", "abc").end().snappy(), "application/x-protobuf", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        List<ExportLogsServiceRequest> written = written();
        assertThat(written).hasSize(1);
        LogRecord record = written.getFirst().getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        assertThat(record.getBody().getStringValue()).isEqualTo("GET / 200");
        assertThat(record.getTimeUnixNano()).isEqualTo(T - 5);
        assertThat(record.getObservedTimeUnixNano()).isEqualTo(T);
        assertThat(written.getFirst().getResourceLogs(0).getResource().getAttributes(0).getValue().getStringValue())
                .isEqualTo("api");
        assertThat(counter("sightline_ingest_items_accepted")).isEqualTo(1);
        assertThat(counter("sightline_ingest_requests", "code", "204")).isEqualTo(1);
        assertThat(counter("sightline_ingest_received_bytes")).isPositive();
    }

    @Test
    void noContentTypeMeansProtobufAsInLoki() throws Exception {
        assertThat(send(new PushRequests().stream("{a=\"b\"}").entry(T, "x").end().snappy(), null, null).statusCode())
                .isEqualTo(204);
        assertThat(written()).hasSize(1);
    }

    @Test
    void jsonAndGzipJsonAreAccepted() throws Exception {
        String json = "{\"streams\":[{\"stream\":{\"app\":\"web\"},\"values\":[[\"" + T + "\",\"plain\",{\"user\":\"u1\"}]]}]}";
        assertThat(send(json.getBytes(StandardCharsets.UTF_8), "application/json", null).statusCode()).isEqualTo(204);
        assertThat(send(gzip(json.replace("plain", "zipped")), "application/json; charset=utf-8", "gzip").statusCode())
                .isEqualTo(204);

        assertThat(written()).extracting(r -> r.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getBody().getStringValue())
                .containsExactly("plain", "zipped");
    }

    @Test
    void refusedStreamsAnswer400WithLokisMessageAfterTheGoodOnesAreWritten() throws Exception {
        HttpResponse<String> response = send(new PushRequests()
                .stream("{app=\"ok\"}").entry(T, "kept").end()
                .stream("{app=\"x\", app=\"y\"}").entry(T, "refused").end()
                .stream("{app=\"ok\"}").entry(T - Duration.ofDays(8).toNanos(), "too old").end()
                .snappy(), "application/x-protobuf", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.body()).isEqualTo("""
                stream '{app="x", app="y"}' has duplicate label name: 'app'
                entry for stream '{app="ok"}' has timestamp too old: 2025-12-24T00:00:00Z, oldest acceptable timestamp is: 2025-12-25T00:00:00Z
                """);
        assertThat(written()).hasSize(1);
        assertThat(counter("sightline_ingest_items_rejected", "reason", "duplicate_label_names")).isEqualTo(1);
        assertThat(counter("sightline_ingest_items_rejected", "reason", "greater_than_max_sample_age")).isEqualTo(1);
        assertThat(counter("sightline_ingest_items_accepted")).isEqualTo(1);
    }

    @Test
    void malformedBodiesAnswer400AndNothingIsWritten() throws Exception {
        HttpResponse<String> notSnappy = send(new byte[] {5, 0x1C, 0x61}, "application/x-protobuf", null);
        assertThat(notSnappy.statusCode()).isEqualTo(400);
        assertThat(notSnappy.body()).startsWith("invalid snappy");

        byte[] raw = new PushRequests().stream("{a=\"b\"}").entry(T, "x").end().bytes();
        HttpResponse<String> cut = send(PushRequests.compress(java.util.Arrays.copyOf(raw, raw.length - 2)),
                "application/x-protobuf", null);
        assertThat(cut.statusCode()).isEqualTo(400);
        assertThat(cut.body()).startsWith("invalid protobuf PushRequest");

        HttpResponse<String> json = send("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[1,\"x\"]]}]}"
                .getBytes(StandardCharsets.UTF_8), "application/json", null);
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).startsWith("invalid JSON push request: an entry must start with its timestamp");
        assertThat(written()).isEmpty();
    }

    @Test
    void wrongTypesSizesMethodsAndOverloadAreRefused() throws Exception {
        byte[] body = new PushRequests().stream("{a=\"b\"}").entry(T, "x").end().snappy();
        HttpResponse<String> text = send(body, "text/plain", null);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.body()).contains("unsupported content type text/plain");

        assertThat(send(new byte[LIMIT + 1], "application/x-protobuf", null).statusCode()).isEqualTo(413);
        byte[] declaredLarge = PushRequests.compress(new byte[LIMIT + 1]);
        HttpResponse<String> snappyLarge = send(declaredLarge, "application/x-protobuf", null);
        assertThat(snappyLarge.statusCode()).isEqualTo(413);
        assertThat(snappyLarge.body()).isEqualTo("request body too large: " + (LIMIT + 1)
                + " bytes decompressed, limit: " + LIMIT + " bytes (loki.max-request-bytes)\n");
        assertThat(send(gzip(" ".repeat(LIMIT + 1)), "application/json", "gzip").statusCode()).as("gzip bomb").isEqualTo(413);

        HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);

        overload.set(Optional.of(new Overload(Overload.Kind.LAGGING, Duration.ofSeconds(7), "logs WAL lags")));
        HttpResponse<String> busy = send(body, "application/x-protobuf", null);
        assertThat(busy.statusCode()).isEqualTo(429);
        assertThat(busy.headers().firstValue("Retry-After")).contains("7");
        assertThat(busy.body()).isEqualTo("logs WAL lags\n");
        overload.set(Optional.of(new Overload(Overload.Kind.DISK_FULL, Duration.ofSeconds(30), "disk full")));
        assertThat(send(body, "application/x-protobuf", null).statusCode()).isEqualTo(503);
        assertThat(written()).isEmpty();
        assertThat(counter("sightline_ingest_items_rejected", "reason", "overloaded")).isEqualTo(2);
        assertThat(counter("sightline_ingest_requests", "code", "413")).isEqualTo(3);
        assertThat(counter("sightline_ingest_requests", "code", "415")).isEqualTo(1);
    }

    @Test
    void aClosedWalAnswers503() throws Exception {
        wal.close();
        HttpResponse<String> response = send(new PushRequests().stream("{a=\"b\"}").entry(T, "x").end().snappy(),
                "application/x-protobuf", null);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("logs WAL");
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.port() + LokiPushService.PATH);
    }

    private HttpResponse<String> send(byte[] body, String type, String encoding) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** Every request in the WAL (answers come after the WAL has the entry, so no wait is needed). */
    private List<ExportLogsServiceRequest> written() {
        List<ExportLogsServiceRequest> requests = new ArrayList<>();
        try (WalReader reader = wal.reader(-1)) {
            while (reader.next((index, entry) -> requests.add((ExportLogsServiceRequest) WalEntries.decode(Signal.LOGS, entry)))) {
                // read them all
            }
        }
        return requests;
    }

    /** Sum of a counter over its Loki series whose labels include {@code labels} (name, value pairs). */
    private double counter(String name, String... labels) {
        double sum = 0;
        for (MetricSnapshot snapshot : registry.scrape()) {
            if (snapshot instanceof CounterSnapshot counter && counter.getMetadata().getName().equals(name)) {
                for (CounterSnapshot.CounterDataPointSnapshot point : counter.getDataPoints()) {
                    boolean matches = "loki".equals(point.getLabels().get("transport"));
                    for (int i = 0; i < labels.length; i += 2) {
                        matches &= labels[i + 1].equals(point.getLabels().get(labels[i]));
                    }
                    sum += matches ? point.getValue() : 0;
                }
            }
        }
        return sum;
    }
}
