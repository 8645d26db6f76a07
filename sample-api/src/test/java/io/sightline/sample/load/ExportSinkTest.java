package io.sightline.sample.load;

import static io.sightline.sample.load.ExportSinkCounters.Protocol.OTLP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.UnknownFieldSet;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink on a free loopback port, fed by the OpenTelemetry SDK's OTLP/HTTP exporters (JDK
 * sender, plain and gzip), by raw posts, and by bodies it must refuse.
 */
class ExportSinkTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private ExportSink sink;
    private String base;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        sink = ExportSink.start("127.0.0.1", 0, 1 << 20);
        base = "http://127.0.0.1:" + sink.port();
    }

    @AfterEach
    void stop() {
        sink.close();
        client.close();
    }

    @Test
    void countsTheSpansOfTheSdkExporterPlainAndGzipped() {
        List<SpanData> spans = spans(7);
        OtlpHttpSpanExporter plain = OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").build();
        OtlpHttpSpanExporter gzip = OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces")
                .setCompression("gzip").build();
        try {
            assertThat(plain.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(gzip.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        } finally {
            plain.shutdown();
            gzip.shutdown();
        }
        awaitCount(() -> sink.accepted("traces"), 14);
        assertThat(sink.requests(OTLP, "traces", 200)).isEqualTo(2);
    }

    @Test
    void countsLogRecordsAndMetricDataPointsOfTheSdkExporters() {
        List<LogRecordData> records = new ArrayList<>();
        try (SdkLoggerProvider loggers = SdkLoggerProvider.builder()
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(collectingLogs(records))).build()) {
            Logger logger = loggers.get("sink-test");
            for (int i = 0; i < 5; i++) {
                logger.logRecordBuilder().setBody("record " + i).emit();
            }
        }
        OtlpHttpLogRecordExporter logs = OtlpHttpLogRecordExporter.builder().setEndpoint(base + "/v1/logs").build();
        try {
            assertThat(logs.export(records).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        } finally {
            logs.shutdown();
        }

        OtlpHttpMetricExporter metrics = OtlpHttpMetricExporter.builder().setEndpoint(base + "/v1/metrics")
                .setCompression("gzip").build();
        try (SdkMeterProvider meters = SdkMeterProvider.builder()
                .registerMetricReader(PeriodicMetricReader.builder(metrics).setInterval(Duration.ofHours(1)).build())
                .build()) {
            Meter meter = meters.get("sink-test");
            LongCounter counter = meter.counterBuilder("requests").build();
            AttributeKey<String> route = AttributeKey.stringKey("route");
            for (String r : List.of("/a", "/b", "/c")) {
                counter.add(2, Attributes.of(route, r)); // 3 sum points
            }
            var histogram = meter.histogramBuilder("latency").build();
            histogram.record(0.2, Attributes.of(route, "/a"));
            histogram.record(0.3, Attributes.of(route, "/a"));
            histogram.record(0.4, Attributes.of(route, "/b")); // 2 histogram points
            assertThat(meters.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            // before the close, which exports a last collection again
            awaitCount(() -> sink.accepted("metrics"), 5);
        }
        awaitCount(() -> sink.accepted("logs"), 5);
    }

    @Test
    void aRawGzipPostIsDecodedAndAnsweredWithAnEmptyResponse() throws Exception {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(resourceSpans(3, 4))
                .addResourceSpans(resourceSpans(2))
                .build();
        HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", "gzip", gzip(request.toByteArray()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
        assertThat(sink.accepted("traces")).isEqualTo(9);
        assertThat(scrape()).contains("sightline_ingest_items_accepted_total{signal=\"traces\"} 9\n",
                "sightline_ingest_items_accepted_total{signal=\"logs\"} 0\n",
                "export_sink_requests_total{protocol=\"otlp\",signal=\"traces\",code=\"200\"} 1\n");
    }

    @Test
    void refusesWhatIsNotAnOtlpProtobufBodyWithAStatusThatSaysWhy() throws Exception {
        HttpResponse<byte[]> garbage = post("/v1/traces", "application/x-protobuf", null,
                "not a protobuf at all".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(statusMessage(garbage.body())).startsWith("the body is not an OTLP traces export request");

        HttpResponse<byte[]> notGzip = post("/v1/logs", "application/x-protobuf", "gzip", new byte[] {1, 2, 3});
        assertThat(notGzip.statusCode()).isEqualTo(400);
        assertThat(statusMessage(notGzip.body())).startsWith("the body is not valid gzip");

        HttpResponse<byte[]> json = post("/v1/metrics", "application/json", null, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(statusMessage(json.body())).contains("application/json");

        HttpResponse<byte[]> brotli = post("/v1/traces", "application/x-protobuf", "br", new byte[0]);
        assertThat(brotli.statusCode()).isEqualTo(415);

        HttpResponse<byte[]> tooBig = post("/v1/traces", "application/x-protobuf", "gzip", gzip(new byte[(1 << 20) + 1]));
        assertThat(tooBig.statusCode()).isEqualTo(413);

        HttpResponse<byte[]> getExport = get("/v1/traces");
        assertThat(getExport.statusCode()).isEqualTo(405);
        assertThat(getExport.headers().firstValue("Allow")).hasValue("POST");
        assertThat(post("/v1/tracesx", "application/x-protobuf", null, new byte[0]).statusCode()).isEqualTo(404);

        assertThat(sink.accepted("traces")).isZero();
        assertThat(scrape()).contains("export_sink_requests_total{protocol=\"otlp\",signal=\"traces\",code=\"400\"} 1\n",
                "export_sink_requests_total{protocol=\"otlp\",signal=\"traces\",code=\"405\"} 1\n",
                "export_sink_requests_total{protocol=\"otlp\",signal=\"traces\",code=\"413\"} 1\n",
                "export_sink_requests_total{protocol=\"otlp\",signal=\"traces\",code=\"415\"} 1\n",
                "export_sink_requests_total{protocol=\"otlp\",signal=\"logs\",code=\"400\"} 1\n",
                "export_sink_requests_total{protocol=\"otlp\",signal=\"metrics\",code=\"415\"} 1\n",
                "sightline_ingest_items_accepted_total{signal=\"traces\"} 0\n");
    }

    @Test
    void anEmptyRequestIsAcceptedWithNothingCounted() throws Exception {
        assertThat(post("/v1/traces", "application/x-protobuf", null, new byte[0]).statusCode()).isEqualTo(200);
        assertThat(sink.requests(OTLP, "traces", 200)).isEqualTo(1);
        assertThat(sink.accepted("traces")).isZero();
    }

    @Test
    void isReadyAndServesItsMetricsAsPrometheusText() throws Exception {
        assertThat(get("/-/ready").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void parsesItsFlags() {
        assertThat(ExportSink.parse(new String[0])).isEqualTo(
                new ExportSink.Options("127.0.0.1", 4318, ExportSink.DEFAULT_MAX_BODY_BYTES, false));
        assertThat(ExportSink.parse(new String[] {"--port", "0", "--bind=0.0.0.0", "--max-body-bytes", "4m"}))
                .isEqualTo(new ExportSink.Options("0.0.0.0", 0, 4_000_000, false));
        assertThat(ExportSink.parse(new String[] {"--help"}).help()).isTrue();
        assertThatThrownBy(() -> ExportSink.parse(new String[] {"--port", "70000"})).hasMessageContaining("--port");
        assertThatThrownBy(() -> ExportSink.parse(new String[] {"--ports", "1"})).hasMessageContaining("--ports");
    }

    private static void awaitCount(LongSupplier count, long expected) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (count.getAsLong() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(5_000_000); // a pause between polls; the deadline decides
        }
        assertThat(count.getAsLong()).isEqualTo(expected);
    }

    /** {@code n} ended spans of one trace, from the SDK. */
    private static List<SpanData> spans(int n) {
        List<SpanData> spans = new ArrayList<>();
        try (SdkTracerProvider tracers = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(collectingSpans(spans))).build()) {
            Tracer tracer = tracers.get("sink-test");
            Span root = tracer.spanBuilder("root").startSpan();
            try (var scope = root.makeCurrent()) {
                for (int i = 1; i < n; i++) {
                    tracer.spanBuilder("child " + i).setAttribute("i", i).startSpan().end();
                }
            }
            root.end();
        }
        assertThat(spans).hasSize(n);
        return spans;
    }

    private static SpanExporter collectingSpans(List<SpanData> into) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                into.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    private static LogRecordExporter collectingLogs(List<LogRecordData> into) {
        return new LogRecordExporter() {
            @Override
            public CompletableResultCode export(Collection<LogRecordData> logs) {
                into.addAll(logs);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    /** One resource with a scope of each of {@code spansPerScope} spans. */
    private static ResourceSpans resourceSpans(int... spansPerScope) {
        ResourceSpans.Builder resource = ResourceSpans.newBuilder();
        for (int count : spansPerScope) {
            ScopeSpans.Builder scope = ScopeSpans.newBuilder();
            for (int i = 0; i < count; i++) {
                scope.addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("span " + i)
                        .setStartTimeUnixNano(1_000L + i).setEndTimeUnixNano(2_000L + i));
            }
            resource.addScopeSpans(scope);
        }
        return resource.build();
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }

    /** Field 2 ({@code message}) of a {@code google.rpc.Status}. */
    private static String statusMessage(byte[] body) throws IOException {
        UnknownFieldSet status = UnknownFieldSet.parseFrom(body);
        assertThat(status.getField(1).getVarintList()).containsExactly(3L);
        return status.getField(2).getLengthDelimitedList().getFirst().toStringUtf8();
    }

    private HttpResponse<byte[]> post(String path, String contentType, String encoding, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private String scrape() throws IOException, InterruptedException {
        return new String(get("/metrics").body(), StandardCharsets.UTF_8);
    }
}
