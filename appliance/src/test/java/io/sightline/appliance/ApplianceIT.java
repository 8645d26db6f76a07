package io.sightline.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole appliance in-process, fed by the OpenTelemetry Java SDK over real sockets: logs become
 * searchable through the API and the UI, traces and metrics reach their WALs, and the health and
 * metrics endpoints say so.
 */
class ApplianceIT {
    @TempDir
    Path dataDir;

    private Appliance appliance;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        appliance = Appliance.start(ApplianceConfig.of(Map.of("data-dir", dataDir.toString(), "http-port", "0",
                "otlp-grpc-port", "0", "otlp-http-port", "0", "logs.refresh-interval", "100ms")));
    }

    @AfterEach
    void stop() {
        appliance.close();
    }

    @Test
    void logsSentOverGrpcAndHttpAreSearchableWithinSeconds() throws Exception {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "checkout", AttributeKey.stringKey("deployment.environment"), "test")));
        LogRecordExporter grpc = OtlpGrpcLogRecordExporter.builder()
                .setEndpoint("http://127.0.0.1:" + appliance.otlpGrpcPort()).build();
        LogRecordExporter httpExporter = OtlpHttpLogRecordExporter.builder()
                .setEndpoint("http://127.0.0.1:" + appliance.otlpHttpPort() + "/v1/logs").build();
        SdkTracerProvider tracing = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(SimpleSpanProcessor.create(OtlpGrpcSpanExporter.builder()
                        .setEndpoint("http://127.0.0.1:" + appliance.otlpGrpcPort()).build())).build();
        String traceId;
        try (SdkLoggerProvider viaGrpc = SdkLoggerProvider.builder().setResource(resource)
                     .addLogRecordProcessor(SimpleLogRecordProcessor.create(grpc)).build();
             SdkLoggerProvider viaHttp = SdkLoggerProvider.builder().setResource(resource)
                     .addLogRecordProcessor(SimpleLogRecordProcessor.create(httpExporter)).build()) {
            Span span = tracing.get("test").spanBuilder("POST /pay").startSpan();
            traceId = span.getSpanContext().getTraceId();
            assertThat(span.getSpanContext().isValid()).as("SDK span %s", span.getSpanContext()).isTrue();
            try (Scope ignored = span.makeCurrent()) {
                viaGrpc.get("payments").logRecordBuilder().setSeverity(Severity.ERROR).setBody("payment gateway timed out")
                        .setAttribute(AttributeKey.stringKey("http.route"), "/pay").emit();
            }
            span.end();
            viaHttp.get("ui").logRecordBuilder().setSeverity(Severity.INFO)
                    .setBody("rendered <script>alert(1)</script> page").emit();
            viaGrpc.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
            viaHttp.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        tracing.close();

        JsonObject byTrace = pollSearch("trace_id=" + traceId, data -> data.get("total").getAsLong() == 1);
        JsonObject record = byTrace.getAsJsonArray("records").get(0).getAsJsonObject();
        assertThat(record.get("body").getAsString()).isEqualTo("payment gateway timed out");
        assertThat(record.get("serviceName").getAsString()).isEqualTo("checkout");
        assertThat(record.get("severityText").getAsString()).isEqualTo("ERROR");
        assertThat(record.getAsJsonObject("attributes").get("http.route").getAsString()).isEqualTo("/pay");
        assertThat(record.getAsJsonObject("resource").get("deployment.environment").getAsString()).isEqualTo("test");

        JsonObject all = pollSearch("service=checkout", data -> data.get("total").getAsLong() == 2);
        assertThat(all.getAsJsonArray("records")).hasSize(2);
        assertThat(pollSearch("q=%22gateway+timed%22&min_severity=WARN", data -> data.get("total").getAsLong() == 1)).isNotNull();
        assertThat(pollSearch("attr.http.route=/pay", data -> data.get("total").getAsLong() == 1)).isNotNull();

        HttpResponse<String> page = get("/logs?q=rendered");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("rendered &lt;script&gt;alert(1)&lt;/script&gt; page").doesNotContain("<script>alert");
    }

    @Test
    void tracesAndMetricsReachTheirWals() throws Exception {
        Resource resource = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "orders"));
        try (SdkTracerProvider tracing = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(SimpleSpanProcessor.create(OtlpGrpcSpanExporter.builder()
                        .setEndpoint("http://127.0.0.1:" + appliance.otlpGrpcPort()).build())).build();
             SdkMeterProvider metering = SdkMeterProvider.builder().setResource(resource)
                     .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                             .setEndpoint("http://127.0.0.1:" + appliance.otlpHttpPort() + "/v1/metrics").build())
                             .setInterval(Duration.ofHours(1)).build()).build()) {
            tracing.get("test").spanBuilder("GET /orders").startSpan().end();
            metering.get("test").counterBuilder("orders.placed").build().add(3);
            tracing.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
            metering.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        // Closing the meter provider exports once more: count at least what was flushed.
        String metrics = get("/metrics").body();
        assertThat(metrics).contains("sightline_wal_appended_entries{signal=\"traces\"} 1.0")
                .containsPattern("sightline_wal_appended_entries\\{signal=\"metrics\"} [1-9]")
                .contains("sightline_ingest_items_accepted_total{signal=\"traces\",transport=\"grpc\"} 1.0")
                .containsPattern("sightline_ingest_items_accepted_total\\{signal=\"metrics\",transport=\"http_protobuf\"} [1-9]")
                .contains("sightline_wal_size_bytes{signal=\"traces\"}")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void metricsFromTheOtelSdkAnswerPromqlWithExemplars() throws Exception {
        Resource resource = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "orders",
                AttributeKey.stringKey("service.instance.id"), "orders-1", AttributeKey.stringKey("host.name"), "box"));
        String traceId;
        // A tracer with a processor (exporting nowhere): without one the SDK starts no real spans.
        try (SdkTracerProvider tracing = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(SimpleSpanProcessor.create(io.opentelemetry.sdk.trace.export.SpanExporter.composite()))
                .build();
             SdkMeterProvider metering = SdkMeterProvider.builder().setResource(resource)
                     .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                             .setEndpoint("http://127.0.0.1:" + appliance.otlpHttpPort() + "/v1/metrics").build())
                             .setInterval(Duration.ofHours(1)).build()).build()) {
            var meter = metering.get("test");
            meter.counterBuilder("orders.placed").build().add(3, Attributes.of(AttributeKey.stringKey("region"), "eu"));
            var duration = meter.histogramBuilder("http.server.request.duration").setUnit("s").build();
            Span span = tracing.get("test").spanBuilder("GET /orders").startSpan();
            traceId = span.getSpanContext().getTraceId();
            assertThat(span.getSpanContext().isSampled()).as("SDK span %s", span.getSpanContext()).isTrue();
            try (Scope ignored = span.makeCurrent()) {
                // Recorded inside a sampled span: the SDK keeps them as exemplars with its trace id.
                duration.record(0.05);
                duration.record(0.2);
                duration.record(0.7);
            }
            span.end();
            metering.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        JsonObject counter = pollQuery("orders_placed_total", result -> result.size() == 1);
        assertThat(counter.getAsJsonArray("result").get(0).getAsJsonObject().getAsJsonObject("metric").toString())
                .isEqualTo("{\"__name__\":\"orders_placed_total\",\"instance\":\"orders-1\",\"job\":\"orders\",\"region\":\"eu\"}");
        assertThat(counter.getAsJsonArray("result").get(0).getAsJsonObject().getAsJsonArray("value").get(1).getAsString())
                .isEqualTo("3");
        JsonObject median = pollQuery("histogram_quantile(0.5, http_server_request_duration_seconds_bucket)",
                result -> result.size() == 1);
        // The SDK's default buckets are 0, 5, 10, 25, ...: all three land in (0, 5], and Prometheus
        // interpolates the median linearly inside it: 0 + 5 * (1.5 / 3).
        assertThat(median.getAsJsonArray("result").get(0).getAsJsonObject().getAsJsonArray("value").get(1).getAsString())
                .isEqualTo("2.5");
        JsonObject target = pollQuery("target_info", result -> result.size() == 1);
        assertThat(target.toString()).contains("\"host_name\":\"box\"");
        HttpResponse<String> exemplars = get("/api/v1/query_exemplars?query=http_server_request_duration_seconds_bucket"
                + "&start=0&end=4102444800");
        assertThat(exemplars.statusCode()).as(exemplars.body()).isEqualTo(200);
        assertThat(exemplars.body()).contains("\"trace_id\":\"" + traceId + "\"");
    }

    /** Polls an instant PromQL query until its result satisfies {@code done}; returns the data member. */
    private JsonObject pollQuery(String promql, Predicate<com.google.gson.JsonArray> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonObject data;
        do {
            HttpResponse<String> response = get("/api/v1/query?query="
                    + java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            data = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("data");
            if (done.test(data.getAsJsonArray("result"))) {
                return data;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("query '" + promql + "' did not reach the expected state: " + data);
    }

    @Test
    void healthReadinessAndBadSearchesAnswerLikePrometheus() throws Exception {
        assertThat(get("/-/healthy").statusCode()).isEqualTo(200);
        assertThat(get("/-/ready").body()).isEqualTo("Sightline is Ready.\n");
        HttpResponse<String> bad = get("/api/v1/logs/search?start=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"errorType\":\"bad_data\"").contains("invalid parameter \\\"start\\\"");
        assertThat(get("/api/v1/logs/search?trace_id=xyz").body()).contains("not 32 hexadecimal digits");
        assertThat(get("/api/v1/logs/search?limit=100000").body()).contains("between 1 and 5000");
        appliance.close();
        assertThat(appliance.ready()).isFalse();
    }

    private JsonObject pollSearch(String query, Predicate<JsonObject> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonObject data;
        do {
            HttpResponse<String> response = get("/api/v1/logs/search?start=0&end=4102444800&" + query);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            data = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("data");
            if (done.test(data)) {
                return data;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("search '" + query + "' did not reach the expected state: " + data);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appliance.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
