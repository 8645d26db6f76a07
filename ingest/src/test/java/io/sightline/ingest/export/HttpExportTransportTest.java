package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.airlift.compress.v3.snappy.SnappyDecompressor;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.sightline.ingest.Signal;
import io.sightline.ingest.export.AnsweringServer.Answer;

/** {@link HttpExportTransport} against a real local HTTP server: codings, headers, every classification branch. */
class HttpExportTransportTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final InstantSource CLOCK = InstantSource.fixed(NOW);
    private static final byte[] PAYLOAD = payload();

    private final AnsweringServer server = AnsweringServer.http();

    @AfterEach
    void stop() {
        server.close();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private SendOutcome send(HttpTransportConfig config) {
        try (HttpExportTransport transport = new HttpExportTransport(config, CLOCK)) {
            return transport.send(new ExportRequest(PAYLOAD, 5));
        }
    }

    private SendOutcome otlp(Signal signal, Answer answer) {
        server.answer(answer);
        return send(HttpTransportConfig.otlp(url("/v1/" + signal.walName()), signal));
    }

    @Test
    void otlpGzipBodyDecodesToTheRequestAndHeadersArrive() throws IOException {
        server.answer(new Answer(200, Map.of("Content-Type", "application/x-protobuf"),
                ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
        SendOutcome outcome = send(HttpTransportConfig.otlp(url("/v1/traces"), Signal.TRACES)
                .withHeaders(Map.of("Authorization", "Bearer s3cret", "X-Scope-OrgID", "tenant-1")));

        assertThat(outcome).isEqualTo(SendOutcome.Accepted.ALL);
        AnsweringServer.Received received = server.received();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/traces");
        assertThat(received.headers().getFirst("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(received.headers().getFirst("Content-Encoding")).isEqualTo("gzip");
        assertThat(received.headers().getFirst("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(received.headers().getFirst("X-Scope-OrgID")).isEqualTo("tenant-1");
        assertThat(received.headers().getFirst("User-Agent")).isEqualTo(HttpTransportConfig.USER_AGENT);
        assertThat(received.body()).isNotEqualTo(PAYLOAD);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(received.body())).readAllBytes()).isEqualTo(PAYLOAD);
    }

    @Test
    void identityBodyIsSentAsItIs() {
        server.answer(Answer.of(200));
        SendOutcome outcome = send(HttpTransportConfig.otlp(url("/v1/traces"), Signal.TRACES).withCoding(BodyCoding.IDENTITY));
        assertThat(outcome).isEqualTo(SendOutcome.Accepted.ALL);
        assertThat(server.received().body()).isEqualTo(PAYLOAD);
        assertThat(server.received().headers().containsKey("Content-Encoding")).isFalse();
    }

    @Test
    void oneTransportSendsEachBodyExactlyWhileReusingItsCompressors() throws IOException {
        byte[] large = new byte[6_000_000]; // over the socket buffers: the one-buffer body is written in parts
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i % 251 == 0 ? i >>> 8 : 'a' + i % 7);
        }
        server.answer(Answer.of(200));
        for (BodyCoding coding : BodyCoding.values()) {
            HttpTransportConfig config = HttpTransportConfig.otlp(url("/v1/traces"), Signal.TRACES).withCoding(coding);
            try (HttpExportTransport transport = new HttpExportTransport(config, CLOCK)) {
                // a large body, then a short one over part of a larger buffer (an encoder's own), then an empty one
                for (int length : new int[] {large.length, 1_000, 0}) {
                    assertThat(transport.send(new ExportRequest(large, length, 1))).isEqualTo(SendOutcome.Accepted.ALL);
                    byte[] body = server.received().body();
                    byte[] decoded = switch (coding) {
                        case IDENTITY -> body;
                        case GZIP -> new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
                        case SNAPPY -> unsnappy(body);
                    };
                    assertThat(decoded).as(coding + ", " + length + " bytes").isEqualTo(Arrays.copyOf(large, length));
                }
            }
        }
    }

    @Test
    void otlpPartialSuccessIsReadForEachSignal() {
        byte[] logs = ExportLogsServiceResponse.newBuilder().setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                .setRejectedLogRecords(3).setErrorMessage("log record 1: bad trace id")).build().toByteArray();
        assertThat(otlp(Signal.LOGS, new Answer(200, Map.of(), logs)))
                .isEqualTo(new SendOutcome.Accepted(3, "log record 1: bad trace id"));

        byte[] metrics = ExportMetricsServiceResponse.newBuilder().setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                .setRejectedDataPoints(2).setErrorMessage("out of order")).build().toByteArray();
        assertThat(otlp(Signal.METRICS, new Answer(200, Map.of(), metrics))).isEqualTo(new SendOutcome.Accepted(2, "out of order"));

        // a warning with nothing rejected is kept too; an empty 200 is full success
        byte[] warning = ExportMetricsServiceResponse.newBuilder().setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                .setErrorMessage("deprecated")).build().toByteArray();
        assertThat(otlp(Signal.METRICS, new Answer(200, Map.of(), warning))).isEqualTo(new SendOutcome.Accepted(0, "deprecated"));
        assertThat(otlp(Signal.LOGS, Answer.of(200))).isEqualTo(SendOutcome.Accepted.ALL);
    }

    @Test
    void otlpErrorStatusBodyBecomesTheRejectionReason() {
        byte[] status = com.google.rpc.Status.newBuilder().setCode(3).setMessage("span 0: trace id is 15 bytes").build()
                .toByteArray();
        assertThat(otlp(Signal.TRACES, new Answer(400, Map.of("Content-Type", "application/x-protobuf"), status)))
                .isEqualTo(new SendOutcome.Rejected("HTTP 400: span 0: trace id is 15 bytes"));

        byte[] json = "{\"code\":3,\"message\":\"bad json request\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(otlp(Signal.TRACES, new Answer(400, Map.of("Content-Type", "application/json"), json)))
                .isEqualTo(new SendOutcome.Rejected("HTTP 400: bad json request"));

        byte[] text = ("404 page not found " + "x".repeat(500)).getBytes(StandardCharsets.UTF_8);
        SendOutcome notFound = otlp(Signal.TRACES, new Answer(404, Map.of("Content-Type", "text/plain"), text));
        assertThat(notFound).isInstanceOf(SendOutcome.Rejected.class);
        assertThat(((SendOutcome.Rejected) notFound).reason()).startsWith("HTTP 404: 404 page not found xxx")
                .hasSize("HTTP 404: ".length() + OtlpResponses.TEXT_REASON_CHARS + 1);
    }

    @Test
    void otlpRetriesExactly429And502To504() {
        for (int status : new int[] {429, 502, 503, 504}) {
            assertThat(otlp(Signal.TRACES, Answer.of(status))).as("HTTP %d", status)
                    .isEqualTo(new SendOutcome.Retryable("HTTP " + status, null));
        }
        for (int status : new int[] {401, 403, 408, 413, 500, 501}) {
            assertThat(otlp(Signal.TRACES, Answer.of(status))).as("HTTP %d", status)
                    .isEqualTo(new SendOutcome.Rejected("HTTP " + status));
        }
    }

    @Test
    void retryAfterInSecondsAndAsAnHttpDate() {
        assertThat(otlp(Signal.TRACES, new Answer(429, Map.of("Retry-After", "7"), new byte[0])))
                .isEqualTo(new SendOutcome.Retryable("HTTP 429", Duration.ofSeconds(7)));

        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));
        byte[] status = com.google.rpc.Status.newBuilder().setMessage("disk full").build().toByteArray();
        assertThat(otlp(Signal.TRACES, new Answer(503, Map.of("Retry-After", date), status)))
                .isEqualTo(new SendOutcome.Retryable("HTTP 503: disk full", Duration.ofSeconds(90)));
    }

    @Test
    void remoteWriteSendsSnappyBlockWithItsHeadersAndClassifiesAsPrometheus() {
        server.answer(Answer.of(204));
        HttpTransportConfig config = HttpTransportConfig.remoteWrite(url("/api/v1/write"));
        assertThat(send(config)).isEqualTo(SendOutcome.Accepted.ALL);
        AnsweringServer.Received received = server.received();
        assertThat(received.headers().getFirst("Content-Encoding")).isEqualTo("snappy");
        assertThat(received.headers().getFirst("X-Prometheus-Remote-Write-Version")).isEqualTo("0.1.0");
        assertThat(received.headers().getFirst("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(unsnappy(received.body())).isEqualTo(PAYLOAD);

        server.answer(new Answer(400, Map.of(), "out of order sample for a\n\nduplicate for b\nc\nd\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(send(config)).isEqualTo(new SendOutcome.Rejected("HTTP 400: out of order sample for a; duplicate for b; c"));
        server.answer(new Answer(500, Map.of(), "internal".getBytes(StandardCharsets.UTF_8)));
        assertThat(send(config)).isEqualTo(new SendOutcome.Retryable("HTTP 500: internal", null));
        server.answer(new Answer(429, Map.of("Retry-After", "3"), new byte[0]));
        assertThat(send(config)).isEqualTo(new SendOutcome.Retryable("HTTP 429", Duration.ofSeconds(3)));
        server.answer(Answer.of(409));
        assertThat(send(config)).isEqualTo(new SendOutcome.Rejected("HTTP 409"));
    }

    @Test
    void lokiPushSendsSnappyBlockAndClassifiesAsPromtail() {
        HttpTransportConfig config = HttpTransportConfig.lokiPush(url("/loki/api/v1/push"))
                .withHeaders(Map.of("X-Scope-OrgID", "team-a"));
        server.answer(Answer.of(204));
        assertThat(send(config)).isEqualTo(SendOutcome.Accepted.ALL);
        assertThat(unsnappy(server.received().body())).isEqualTo(PAYLOAD);
        assertThat(server.received().headers().getFirst("X-Scope-OrgID")).isEqualTo("team-a");

        server.answer(new Answer(400, Map.of(), "entry for stream '{app=\"a\"}' has timestamp too old\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(send(config)).isEqualTo(new SendOutcome.Rejected("HTTP 400: entry for stream '{app=\"a\"}' has timestamp too old"));
        server.answer(new Answer(429, Map.of("Retry-After", "2"), "rate limited".getBytes(StandardCharsets.UTF_8)));
        assertThat(send(config)).isEqualTo(new SendOutcome.Retryable("HTTP 429: rate limited", Duration.ofSeconds(2)));
        server.answer(Answer.of(503));
        assertThat(send(config)).isEqualTo(new SendOutcome.Retryable("HTTP 503", null));
    }

    @Test
    void credentialsInTheUrlBecomeBasicAuthAndNeverShowInTheTarget() {
        server.answer(Answer.of(204));
        URI url = URI.create("http://alice:p%40ss@127.0.0.1:" + server.port() + "/loki/api/v1/push?token=abc");
        try (HttpExportTransport transport = new HttpExportTransport(HttpTransportConfig.lokiPush(url), CLOCK)) {
            assertThat(transport.target()).isEqualTo("http://127.0.0.1:" + server.port() + "/loki/api/v1/push")
                    .doesNotContain("alice").doesNotContain("p%40ss").doesNotContain("abc");
            assertThat(transport.send(new ExportRequest(PAYLOAD, 1))).isEqualTo(SendOutcome.Accepted.ALL);
        }
        assertThat(server.received().headers().getFirst("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:p@ss".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void connectionRefusedIsRetryableAndNamesTheTarget() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/v1/logs");
        assertThat(send(HttpTransportConfig.otlp(url, Signal.LOGS)))
                .isEqualTo(new SendOutcome.Retryable("connection refused to http://127.0.0.1:" + port + "/v1/logs", null));
    }

    @Test
    void aServerThatNeverAnswersTimesOutAfterTheConfiguredTimeout() throws IOException {
        // the kernel accepts the connection into the backlog; nobody ever reads or answers
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/api/v1/write");
            long start = System.nanoTime();
            SendOutcome outcome = send(HttpTransportConfig.remoteWrite(url).withTimeout(Duration.ofMillis(300)));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(outcome).isEqualTo(new SendOutcome.Retryable("timed out after 300ms sending to " + url, null));
        }
    }

    @Test
    void aHeaderTheClientRefusesFailsAtConstruction() {
        HttpTransportConfig config = HttpTransportConfig.otlp(url("/v1/traces"), Signal.TRACES)
                .withHeaders(Map.of("Host", "elsewhere"));
        assertThatThrownBy(() -> new HttpExportTransport(config, CLOCK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Host");
    }

    private static byte[] unsnappy(byte[] compressed) {
        SnappyDecompressor snappy = SnappyDecompressor.create();
        byte[] out = new byte[snappy.getUncompressedLength(compressed, 0)];
        int length = snappy.decompress(compressed, 0, compressed.length, out, 0, out.length);
        assertThat(length).isEqualTo(out.length);
        return out;
    }

    /** A compressible body of a few KiB (fixed seed: only its bytes matter, not their values). */
    private static byte[] payload() {
        byte[] bytes = new byte[8192];
        Random random = new Random(42);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 64 < 48 ? 'a' + i % 7 : random.nextInt());
        }
        return bytes;
    }
}
