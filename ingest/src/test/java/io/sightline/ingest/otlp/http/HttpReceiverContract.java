package io.sightline.ingest.otlp.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.helidon.webserver.WebServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.sightline.ingest.Signal;
import io.sightline.ingest.otlp.IngestFixture;
import io.sightline.ingest.otlp.IngestStatus;
import io.sightline.ingest.otlp.OtlpReceiverContract;
import io.sightline.ingest.otlp.Reply;
import io.sightline.ingest.otlp.TestRequests;
import org.junit.jupiter.api.Test;

/** The receiver contract over OTLP/HTTP plus what only HTTP has: media types, methods, gzip, chunking. */
abstract class HttpReceiverContract extends OtlpReceiverContract {
    protected final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private WebServer server;

    /** This transport's Content-Type. */
    protected abstract String contentType();

    @Override
    protected void start(IngestFixture fixture) {
        server = TestHttpServer.start(new OtlpHttpService(fixture.ingest));
    }

    @Override
    protected void stop() {
        server.stop();
        client.close();
    }

    protected String endpoint(Signal signal) {
        return "http://127.0.0.1:" + server.port() + "/v1/" + signal.walName();
    }

    @Override
    protected Reply sendBody(Signal signal, byte[] body) {
        return reply(signal, post(signal, contentType(), HttpRequest.BodyPublishers.ofByteArray(body), false));
    }

    protected HttpResponse<byte[]> post(Signal signal, String type, HttpRequest.BodyPublisher body, boolean gzip) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint(signal)))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", type).POST(body);
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    protected static Reply reply(Signal signal, HttpResponse<byte[]> response) {
        IngestStatus status = Arrays.stream(IngestStatus.values())
                .filter(s -> s.httpStatus() == response.statusCode()).findFirst()
                .orElseThrow(() -> new AssertionError("unexpected HTTP status " + response.statusCode()));
        long retry = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L);
        boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        try {
            if (status != IngestStatus.OK) {
                com.google.rpc.Status.Builder error = com.google.rpc.Status.newBuilder();
                merge(response.body(), json, error, true);
                return new Reply(status, 0, error.getMessage(), retry);
            }
            return switch (signal) {
                case LOGS -> {
                    var body = ExportLogsServiceResponse.newBuilder();
                    merge(response.body(), json, body, false);
                    yield new Reply(status, body.getPartialSuccess().getRejectedLogRecords(),
                            body.getPartialSuccess().getErrorMessage(), retry);
                }
                case METRICS -> {
                    var body = ExportMetricsServiceResponse.newBuilder();
                    merge(response.body(), json, body, false);
                    yield new Reply(status, body.getPartialSuccess().getRejectedDataPoints(),
                            body.getPartialSuccess().getErrorMessage(), retry);
                }
                case TRACES -> {
                    var body = ExportTraceServiceResponse.newBuilder();
                    merge(response.body(), json, body, false);
                    yield new Reply(status, body.getPartialSuccess().getRejectedSpans(),
                            body.getPartialSuccess().getErrorMessage(), retry);
                }
            };
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("unreadable response body: "
                    + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    private static void merge(byte[] body, boolean json, Message.Builder builder, boolean status)
            throws InvalidProtocolBufferException {
        if (json) {
            JsonFormat.TypeRegistry types = JsonFormat.TypeRegistry.newBuilder()
                    .add(com.google.rpc.RetryInfo.getDescriptor()).build();
            JsonFormat.parser().usingTypeRegistry(types).merge(new String(body, StandardCharsets.UTF_8), builder);
        } else {
            builder.mergeFrom(body);
        }
    }

    @Test
    void otherContentTypesAreUnsupported() {
        HttpResponse<byte[]> response = post(Signal.LOGS, "text/plain",
                HttpRequest.BodyPublishers.ofString("hello"), false);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("unsupported content type text/plain, use application/x-protobuf or application/json");
        assertStillServing();
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(endpoint(Signal.TRACES)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithoutReadingItAll() {
        byte[] body = encode(TestRequests.logs(TestRequests.log("x".repeat(IngestFixture.LIMITS.maxRequestBytes()))));
        // ofInputStream has no known length, so the client sends it chunked, without Content-Length.
        HttpResponse<byte[]> response = post(Signal.LOGS, contentType(),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), false);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(reply(Signal.LOGS, response).message()).isEqualTo("request body of more than "
                + IngestFixture.LIMITS.maxRequestBytes() + " bytes is over the limit of "
                + IngestFixture.LIMITS.maxRequestBytes() + " bytes (ingest.max-request-bytes)");
        assertStillServing();
    }

    @Test
    void aGzipBodyIsBoundedAfterDecompression() {
        // Compresses ~1000:1: small on the wire, over the limit once decoded.
        byte[] body = gzip(encode(TestRequests.logs(TestRequests.log("x".repeat(4 * IngestFixture.LIMITS
                .maxRequestBytes())))));
        assertThat(body.length).isLessThan(IngestFixture.LIMITS.maxRequestBytes());

        HttpResponse<byte[]> response = post(Signal.LOGS, contentType(), HttpRequest.BodyPublishers.ofByteArray(body),
                true);

        assertThat(response.statusCode()).isEqualTo(413);
        assertStillServing();
    }

    @Test
    void aBodyThatIsNotGzipIsInvalid() {
        HttpResponse<byte[]> response = post(Signal.TRACES, contentType(),
                HttpRequest.BodyPublishers.ofByteArray(encode(TestRequests.traces(TestRequests.goodSpan("x")))), true);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(reply(Signal.TRACES, response).message()).startsWith("cannot read the request body")
                .contains("GZIP");
        assertStillServing();
    }

    @Test
    void aGzipBodyOfAHandBuiltRequestArrives() {
        long before = fixture.lastIndex(Signal.METRICS);
        HttpResponse<byte[]> response = post(Signal.METRICS, contentType(), HttpRequest.BodyPublishers.ofByteArray(
                gzip(encode(TestRequests.metrics("zipped", TestRequests.point(5))))), true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fixture.metricSamplesAfter(before, 1)).anySatisfy(sample -> assertThat(sample).startsWith("zipped{"));
    }
}
