package io.sightline.appliance.traces;

import static io.sightline.appliance.traces.TraceClient.enc;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.sightline.appliance.Appliance;
import io.sightline.appliance.ApplianceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace APIs' answers to bad and unknown requests, and their limits, through the running
 * appliance: Jaeger's JSON error envelope and messages, Tempo's plain-text errors (TraceQL refusals
 * naming the construct), the critical path's Prometheus-style errors, and {@code limit} on both
 * searches over three stored traces of one service.
 */
class TraceApiShapeIT {
    private static final String UNKNOWN_TRACE = "0af7651916cd43dd8448eb211c80319c";

    @TempDir
    static Path dataDir;

    private static Appliance appliance;
    private static TraceClient client;
    private static final List<String> traceIds = new ArrayList<>();

    @BeforeAll
    static void startAndSend() throws Exception {
        appliance = Appliance.start(ApplianceConfig.of(Map.of("data-dir", dataDir.toString(), "http-port", "0",
                "otlp-grpc-port", "0", "otlp-http-port", "0", "traces.refresh-interval", "100ms")));
        client = new TraceClient(appliance.httpPort());
        long base = (System.currentTimeMillis() - 10_000) * 1_000_000L;
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shape")))
                .addSpanProcessor(SimpleSpanProcessor.create(OtlpGrpcSpanExporter.builder()
                        .setEndpoint("http://127.0.0.1:" + appliance.otlpGrpcPort()).build())).build()) {
            for (int i = 0; i < 3; i++) {
                long start = base + i * 1_000_000_000L;
                Span span = tracing.get("it").spanBuilder("GET /shape").setNoParent().setSpanKind(SpanKind.SERVER)
                        .setStartTimestamp(start, NANOSECONDS).startSpan();
                traceIds.add(span.getSpanContext().getTraceId());
                span.end(start + 50_000_000L, NANOSECONDS);
            }
            assertThat(tracing.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        client.poll("/api/traces?service=shape&lookback=1h", answer -> answer.getAsJsonObject().getAsJsonArray("data").size() == 3);
    }

    @AfterAll
    static void stop() {
        if (appliance != null) {
            appliance.close();
        }
    }

    @Test
    void jaegerErrorsInItsEnvelope() throws Exception {
        HttpResponse<String> unknown = client.get("/api/traces/" + UNKNOWN_TRACE);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(JsonParser.parseString(unknown.body())).isEqualTo(JsonParser.parseString(
                "{\"data\":null,\"total\":0,\"limit\":0,\"offset\":0,\"errors\":[{\"code\":404,\"msg\":\"trace not found\"}]}"));

        assertJaegerError("/api/traces?service=shape&minDuration=5", 400,
                "unable to parse param 'minDuration': time: invalid duration \"5\"");
        assertJaegerError("/api/traces?lookback=1h", 400, "parameter 'service' is required");
        assertJaegerError("/api/traces?service=shape&minDuration=2s&maxDuration=1s", 400,
                "'maxDuration' should be greater than 'minDuration'");
        assertJaegerError("/api/traces?service=shape&start=x", 400,
                "unable to parse param 'start': strconv.ParseInt: parsing \"x\": invalid syntax");
        assertJaegerError("/api/operations", 400, "parameter 'service' is required");
        HttpResponse<String> badId = client.get("/api/traces/not-a-trace-id");
        assertThat(badId.statusCode()).as(badId.body()).isEqualTo(400);
        assertThat(error(badId).get("code").getAsInt()).isEqualTo(400);

        HttpResponse<String> noPath = client.get("/api/no-such-endpoint");
        assertThat(noPath.statusCode()).isEqualTo(404);
        assertThat(noPath.body()).isEqualTo("404 page not found\n");
    }

    @Test
    void jaegerSearchHonoursLimit() throws Exception {
        assertThat(client.json("/api/traces?service=shape&lookback=1h&limit=2").getAsJsonObject().getAsJsonArray("data")).hasSize(2);
        JsonArray byIds = client.json("/api/traces?traceID=" + traceIds.get(0) + "&traceID=" + UNKNOWN_TRACE)
                .getAsJsonObject().getAsJsonArray("data");
        assertThat(byIds).hasSize(1);
        assertThat(byIds.get(0).getAsJsonObject().get("traceID").getAsString()).isEqualTo(traceIds.get(0));
    }

    @Test
    void tempoErrorsArePlainTextNamingTheProblem() throws Exception {
        HttpResponse<String> unknown = client.get("/tempo/api/traces/" + UNKNOWN_TRACE);
        assertThat(unknown.statusCode()).isEqualTo(404);
        // Go's http.Error, which Tempo answers with, ends the text with a newline.
        assertThat(unknown.body()).isEqualTo("trace not found\n");

        HttpResponse<String> pipeline = client.get("/tempo/api/search?q=" + enc("{ resource.service.name = \"shape\" } | count() > 1"));
        assertThat(pipeline.statusCode()).as(pipeline.body()).isEqualTo(400);
        assertThat(pipeline.body()).startsWith("parse error at line 1, col ").contains("unsupported TraceQL").contains("|");
        HttpResponse<String> bare = client.get("/tempo/api/search?q=" + enc("{ .flag }"));
        assertThat(bare.statusCode()).as(bare.body()).isEqualTo(400);
        assertThat(bare.body()).startsWith("parse error at line 1, col ").contains("unsupported TraceQL");
        HttpResponse<String> mismatch = client.get("/tempo/api/search?q=" + enc("{ status = 5 }"));
        assertThat(mismatch.statusCode()).as(mismatch.body()).isEqualTo(400);
        assertThat(mismatch.body()).contains("type mismatch");
        HttpResponse<String> unclosed = client.get("/tempo/api/search?q=" + enc("{ name = \"GET /shape\""));
        assertThat(unclosed.statusCode()).as(unclosed.body()).isEqualTo(400);
        assertThat(unclosed.body()).startsWith("parse error at line 1, col ");
        HttpResponse<String> badDuration = client.get("/tempo/api/search?q=" + enc("{}") + "&minDuration=fast");
        assertThat(badDuration.statusCode()).as(badDuration.body()).isEqualTo(400);
        assertThat(client.get("/tempo/api/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void tempoSearchHonoursLimit() throws Exception {
        String query = "/tempo/api/search?q=" + enc("{ resource.service.name = \"shape\" }");
        assertThat(tempoTraces(query)).hasSize(3);
        JsonArray two = tempoTraces(query + "&limit=2");
        assertThat(two).hasSize(2);
        assertThat(two.asList().stream().map(t -> t.getAsJsonObject().get("traceID").getAsString()).toList())
                .as("newest first").containsExactly(traceIds.get(2), traceIds.get(1));
        assertThat(tempoTraces("/tempo/api/search?tags=" + enc("service.name=shape") + "&limit=1")).hasSize(1);
    }

    @Test
    void criticalPathErrors() throws Exception {
        HttpResponse<String> bad = client.get("/api/v1/traces/xyz/critical-path");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JsonParser.parseString(bad.body()).getAsJsonObject().get("errorType").getAsString()).isEqualTo("bad_data");
        HttpResponse<String> unknown = client.get("/api/v1/traces/" + UNKNOWN_TRACE + "/critical-path");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JsonParser.parseString(unknown.body()).getAsJsonObject().get("errorType").getAsString()).isEqualTo("not_found");
        JsonArray single = client.json("/api/v1/traces/" + traceIds.get(0) + "/critical-path").getAsJsonObject()
                .getAsJsonObject("data").getAsJsonArray("sections");
        assertThat(single).hasSize(1);
        assertThat(single.get(0).getAsJsonObject().get("durationNanos").getAsLong()).isEqualTo(50_000_000L);
    }

    private static void assertJaegerError(String path, int status, String message) throws Exception {
        HttpResponse<String> response = client.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(body.get("data").isJsonNull()).isTrue();
        JsonObject error = error(response);
        assertThat(error.get("code").getAsInt()).isEqualTo(status);
        assertThat(error.get("msg").getAsString()).isEqualTo(message);
    }

    private static JsonObject error(HttpResponse<String> response) {
        JsonArray errors = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("errors");
        assertThat(errors).hasSize(1);
        return errors.get(0).getAsJsonObject();
    }

    private static JsonArray tempoTraces(String path) throws Exception {
        return client.json(path).getAsJsonObject().getAsJsonArray("traces");
    }
}
