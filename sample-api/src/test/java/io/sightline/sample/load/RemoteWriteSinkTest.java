package io.sightline.sample.load;

import static io.sightline.sample.load.ExportSinkCounters.Protocol.OTLP;
import static io.sightline.sample.load.ExportSinkCounters.Protocol.REMOTE_WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.v3.snappy.SnappyCompressor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink's remote_write receiver on a free loopback port, over real HTTP: fed by the module's own
 * remote_write encoder ({@link RemoteWriteRequests}, as {@code RemoteWriteLoad} sends) and by bodies
 * it must refuse, each answered as Prometheus's receiver answers.
 */
class RemoteWriteSinkTest {
    private static final int LIMIT = 1 << 20;
    private static final String PROTOBUF = "application/x-protobuf";
    private static final long T0 = 1_795_000_000_000L;
    private static final long INTERVAL = 15_000;

    private ExportSink sink;
    private String base;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        sink = ExportSink.start("127.0.0.1", 0, LIMIT);
        base = "http://127.0.0.1:" + sink.port();
    }

    @AfterEach
    void stop() {
        sink.close();
        client.close();
    }

    @Test
    void countsEverySampleOfTheRemoteWriteLoadEncoder() throws Exception {
        int series = 250; // targets 0, 1 (100 each) and 2 (50), 64 a request: 4 requests a scrape
        int scrapes = 3;
        RemoteWriteRequests requests = new RemoteWriteRequests(new ScrapeState(11, new int[] {0, 1, 2}), series, 64,
                INTERVAL);
        byte[] body = new byte[requests.maxBodyBytes()];
        for (int scrape = 0; scrape < scrapes; scrape++) {
            for (int k = 0; k < requests.requestsPerRound(); k++) {
                int length = requests.encode(k, T0 + scrape * INTERVAL, body);
                HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(base + "/api/v1/write"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, length));
                HttpResponse<byte[]> response = client.send(requests.headers(post).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).as("%s", text(response)).isEqualTo(204);
                assertThat(response.body()).isEmpty();
            }
            requests.advance();
        }

        assertThat(sink.accepted("metrics")).isEqualTo((long) series * scrapes);
        assertThat(sink.requests(REMOTE_WRITE, "metrics", 204)).isEqualTo(4L * scrapes);
        assertThat(scrape()).contains("sightline_ingest_items_accepted_total{signal=\"metrics\"} 750\n",
                "export_sink_requests_total{protocol=\"remote_write\",signal=\"metrics\",code=\"204\"} 12\n");
    }

    @Test
    void countsHistogramSamplesTooAndSkipsUnknownFieldsAndTakesTheV1ProtoParameter() throws Exception {
        ProtobufBytes histogram = new ProtobufBytes().varint(1, 5).fixed64(3, 1.5).sint64(4, 3)
                .message(11, new ProtobufBytes().sint64(1, 0).varint(2, 2)).packedSint64(12, 2, -1)
                .varint(15, T0);
        ProtobufBytes series = ProtobufBytes.series(new String[] {"__name__", "latency", "job", "api"},
                        ProtobufBytes.sample(1, T0), ProtobufBytes.sample(2, T0 + 1))
                .message(3, new ProtobufBytes().message(1, ProtobufBytes.label("trace_id", "abc")).fixed64(2, 0.3))
                .message(4, histogram)
                .string(99, "a field from a newer proto");
        byte[] request = new ProtobufBytes().message(1, series)
                .message(3, new ProtobufBytes().varint(1, 1).string(2, "latency").string(4, "help").string(5, "s"))
                .varint(98, 7)
                .toByteArray();

        HttpResponse<byte[]> response = post(PROTOBUF + "; proto=prometheus.WriteRequest", "snappy", snappy(request));

        assertThat(response.statusCode()).as("%s", text(response)).isEqualTo(204);
        assertThat(sink.accepted("metrics")).isEqualTo(3); // two samples and a histogram sample
    }

    @Test
    void refusesAnotherContentTypeOrEncodingWith415() throws Exception {
        byte[] body = snappy(oneSeries());
        HttpResponse<byte[]> json = post("application/json", "snappy", body);
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(text(json)).contains("application/json");
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));

        HttpResponse<byte[]> v2 = post(PROTOBUF + ";proto=io.prometheus.write.v2.Request", "snappy", body);
        assertThat(v2.statusCode()).isEqualTo(415);
        assertThat(text(v2)).contains("remote_write 2.0");

        assertThat(post(PROTOBUF + "; proto=other.Message", "snappy", body).statusCode()).isEqualTo(415);
        assertThat(post(PROTOBUF + "; proto", "snappy", body).statusCode()).isEqualTo(415);
        assertThat(post(null, "snappy", body).statusCode()).isEqualTo(415);

        HttpResponse<byte[]> noEncoding = post(PROTOBUF, null, body);
        assertThat(noEncoding.statusCode()).isEqualTo(415);
        assertThat(text(noEncoding)).contains("Content-Encoding missing");
        assertThat(post(PROTOBUF, "gzip", body).statusCode()).isEqualTo(415);

        assertThat(sink.requests(REMOTE_WRITE, "metrics", 415)).isEqualTo(7);
        assertThat(post(PROTOBUF, "Snappy", body).statusCode()).isEqualTo(204);
        assertThat(sink.accepted("metrics")).isEqualTo(1);
    }

    @Test
    void refusesBadSnappyWith400AndTooBigWith413BeforeDecompressing() throws Exception {
        byte[] good = snappy(oneSeries());
        HttpResponse<byte[]> truncated = post(PROTOBUF, "snappy", Arrays.copyOf(good, good.length - 3));
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(text(truncated)).startsWith("the body is not snappy");
        assertThat(post(PROTOBUF, "snappy", new byte[0]).statusCode()).isEqualTo(400);
        assertThat(post(PROTOBUF, "snappy", new byte[] {(byte) 0x80, (byte) 0x80}).statusCode()).isEqualTo(400);

        // The header claims 2^31 - 1 bytes: allocating them first would fail (no Java array is that
        // long), so a 413 means the claim was checked against the limit before anything was made.
        byte[] huge = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0x00, 'x'};
        HttpResponse<byte[]> claimed = post(PROTOBUF, "snappy", huge);
        assertThat(claimed.statusCode()).isEqualTo(413);
        assertThat(text(claimed)).contains("2147483647 bytes uncompressed");
        byte[] justOver = {(byte) 0x81, (byte) 0x80, 0x40, 0x00}; // LIMIT + 1
        assertThat(post(PROTOBUF, "snappy", justOver).statusCode()).isEqualTo(413);
        assertThat(post(PROTOBUF, "snappy", new byte[LIMIT + 1]).statusCode()).isEqualTo(413);

        assertThat(sink.requests(REMOTE_WRITE, "metrics", 400)).isEqualTo(3);
        assertThat(sink.requests(REMOTE_WRITE, "metrics", 413)).isEqualTo(3);
        assertThat(sink.accepted("metrics")).isZero();
    }

    @Test
    void refusesWhatIsNotAValidWriteRequestWith400AndATextReason() throws Exception {
        byte[] whole = oneSeries();
        HttpResponse<byte[]> truncated = post(PROTOBUF, "snappy", snappy(Arrays.copyOf(whole, whole.length - 2)));
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(text(truncated)).startsWith("invalid protobuf WriteRequest");

        HttpResponse<byte[]> noName = post(PROTOBUF, "snappy", request(ProtobufBytes.series(
                new String[] {"job", "api"}, ProtobufBytes.sample(1, T0))));
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(text(noName)).isEqualTo("series 0 of the request has no metric name (__name__ label): {job=\"api\"}\n");

        HttpResponse<byte[]> noLabels = post(PROTOBUF, "snappy", request(ProtobufBytes.series(new String[0],
                ProtobufBytes.sample(1, T0))));
        assertThat(noLabels.statusCode()).isEqualTo(400);
        assertThat(text(noLabels)).contains("has no labels");

        byte[] notUtf8 = {'a', (byte) 0xC3, '('};
        HttpResponse<byte[]> badUtf8 = post(PROTOBUF, "snappy", request(new ProtobufBytes()
                .message(1, ProtobufBytes.label("__name__", "up"))
                .message(1, new ProtobufBytes().string(1, "job").bytes(2, notUtf8))
                .message(2, ProtobufBytes.sample(1, T0))));
        assertThat(badUtf8.statusCode()).isEqualTo(400);
        assertThat(text(badUtf8)).contains("Label.value", "not valid UTF-8");

        HttpResponse<byte[]> get = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/write")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(post(PROTOBUF, "snappy", snappy(whole), "/api/v1/writes").statusCode()).isEqualTo(404);

        assertThat(sink.accepted("metrics")).isZero();
        assertThat(scrape()).contains(
                "export_sink_requests_total{protocol=\"remote_write\",signal=\"metrics\",code=\"400\"} 4\n",
                "export_sink_requests_total{protocol=\"remote_write\",signal=\"metrics\",code=\"405\"} 1\n");
        assertThat(sink.requests(OTLP, "metrics", 400)).isZero();
    }

    /** A WriteRequest of one valid series with one sample. */
    private static byte[] oneSeries() {
        return new ProtobufBytes().message(1, ProtobufBytes.series(new String[] {"__name__", "up", "job", "api"},
                ProtobufBytes.sample(1, T0))).toByteArray();
    }

    /** A snappy WriteRequest of the one series. */
    private static byte[] request(ProtobufBytes series) {
        return snappy(new ProtobufBytes().message(1, series).toByteArray());
    }

    private static byte[] snappy(byte[] plain) {
        SnappyCompressor compressor = SnappyCompressor.create();
        byte[] out = new byte[compressor.maxCompressedLength(plain.length)];
        int length = compressor.compress(plain, 0, plain.length, out, 0, out.length);
        return Arrays.copyOf(out, length);
    }

    private HttpResponse<byte[]> post(String contentType, String encoding, byte[] body)
            throws IOException, InterruptedException {
        return post(contentType, encoding, body, "/api/v1/write");
    }

    private HttpResponse<byte[]> post(String contentType, String encoding, byte[] body, String path)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private String scrape() throws IOException, InterruptedException {
        return text(client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()));
    }
}
