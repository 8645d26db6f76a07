package io.sightline.ingest.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.webserver.WebServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.IngestMetrics;
import io.sightline.ingest.Overload;
import io.sightline.storage.wal.WalConfig;
import io.sightline.storage.wal.WalReader;
import io.sightline.storage.wal.WriteAheadLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote_write receiver on a real Helidon server and a real metrics WAL, driven over HTTP. */
class RemoteWriteServiceTest {
    private static final long T = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @TempDir
    Path directory;

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicReference<Optional<Overload>> overload = new AtomicReference<>(Optional.empty());
    private WriteAheadLog wal;
    private WebServer server;

    @BeforeEach
    void start() {
        wal = WriteAheadLog.open("metrics", WalConfig.defaults(directory), InstantSource.system());
        SampleWriter writer = new SampleWriter(wal, AdmissionConfig.defaults(), InstantSource.system());
        RemoteWriteService service = new RemoteWriteService(writer, new IngestLimits(64 * 1024, 128, 1024),
                signal -> overload.get(), new IngestMetrics(new PrometheusRegistry()));
        server = WebServer.builder().host("127.0.0.1").port(0).contentEncoding(SnappyPassThrough.context())
                .routing(routing -> routing.register(service)).build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        wal.close();
    }

    @Test
    void acceptedSamplesAnswer204AndReachTheWal() throws Exception {
        HttpResponse<String> response = post(new WriteRequests()
                .series("__name__", "up", "instance", "a:9100", "job", "node").sample(T, 1).end()
                .metadata(2, "up", "Target is up", "").snappy());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(samples()).containsExactly("up{instance=\"a:9100\", job=\"node\"} " + T + "=1.0");
    }

    @Test
    void outOfOrderSamplesAnswer400NamingSeriesAndTimeAndTheRestIsStored() throws Exception {
        post(new WriteRequests().series("__name__", "up", "job", "a").sample(T, 1).end().snappy());
        HttpResponse<String> response = post(new WriteRequests()
                .series("__name__", "up", "job", "a").sample(T - 15_000, 0).end()
                .series("__name__", "up", "job", "b").sample(T, 1).end().snappy());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("out of order sample for series up{job=\"a\"} at 2025-12-31T23:59:45Z: "
                + "newest accepted is 2026-01-01T00:00:00Z\n");
        assertThat(samples()).containsExactly("up{job=\"a\"} " + T + "=1.0", "up{job=\"b\"} " + T + "=1.0");
    }

    @Test
    void aRetriedRequestIsAnIgnoredDuplicate() throws Exception {
        byte[] body = new WriteRequests().series("__name__", "up", "job", "a").sample(T, 1).end().snappy();
        assertThat(post(body).statusCode()).isEqualTo(204);
        assertThat(post(body).statusCode()).isEqualTo(204);
        assertThat(samples()).hasSize(1);
    }

    @Test
    void badBodiesAnswer400() throws Exception {
        byte[] raw = new WriteRequests().series("__name__", "up").sample(T, 1).end().bytes();
        HttpResponse<String> notSnappy = post(new byte[] {5, 0x1C, 0x61}); // 5 bytes declared, an 8-byte literal cut short
        assertThat(notSnappy.statusCode()).isEqualTo(400);
        assertThat(notSnappy.body()).startsWith("invalid snappy");

        HttpResponse<String> truncated = post(WriteRequests.compress(Arrays.copyOf(raw, raw.length - 3)));
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).startsWith("invalid protobuf WriteRequest");

        HttpResponse<String> unsorted = post(new WriteRequests().series("job", "a", "__name__", "up").sample(T, 1)
                .end().snappy());
        assertThat(unsorted.statusCode()).isEqualTo(400);
        assertThat(unsorted.body()).contains("labels not sorted by name");
        assertThat(samples()).isEmpty();
    }

    @Test
    void wrongTypesSizesAndOverloadAreRefused() throws Exception {
        byte[] body = new WriteRequests().series("__name__", "up").sample(T, 1).end().snappy();
        assertThat(send(body, "application/json", "snappy").statusCode()).isEqualTo(415);
        assertThat(send(body, "application/x-protobuf;proto=io.prometheus.write.v2.Request", "snappy").statusCode())
                .isEqualTo(415);
        assertThat(send(body, "application/x-protobuf", "gzip").statusCode()).isIn(400, 415);

        byte[] large = new byte[100 * 1024];
        assertThat(post(WriteRequests.compress(large)).statusCode()).isEqualTo(413);

        overload.set(Optional.of(new Overload(Overload.Kind.LAGGING, Duration.ofSeconds(7), "metrics WAL lags")));
        HttpResponse<String> busy = post(body);
        assertThat(busy.statusCode()).isEqualTo(429);
        assertThat(busy.headers().firstValue("Retry-After")).contains("7");
        assertThat(samples()).isEmpty();
    }

    private HttpResponse<String> post(byte[] body) throws IOException, InterruptedException {
        return send(body, "application/x-protobuf", "snappy");
    }

    private HttpResponse<String> send(byte[] body, String type, String encoding) throws IOException,
            InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + RemoteWriteService.PATH))
                .header("Content-Type", type).header("Content-Encoding", encoding)
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every sample in the WAL (answers come after the WAL has the entry, so no wait is needed). */
    private List<String> samples() {
        List<String> samples = new ArrayList<>();
        try (WalReader reader = wal.reader(-1)) {
            while (reader.next((index, entry) -> samples.addAll(RecordedEntry.of(entry).samples()))) {
                // read them all
            }
        }
        return samples;
    }
}
