package io.sightline.query.api.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.UnknownFieldSet;
import io.helidon.webserver.WebServer;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.sightline.query.api.CriticalPathApi;
import io.sightline.query.api.jaeger.JaegerApi;
import io.sightline.query.api.jaeger.JaegerApiConfig;
import io.sightline.query.api.prometheus.BuildInfo;
import io.sightline.query.api.prometheus.PrometheusApi;
import io.sightline.query.traces.InMemoryTraceQuerier;
import io.sightline.query.traces.SpanLines;
import io.sightline.query.traces.TraceSearchConfig;
import io.sightline.query.traces.TraceqlEngine;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceSearch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Tempo API subset at {@code /tempo}, beside the Jaeger API at {@code /api} and the critical
 * path at {@code /api/v1/traces} as the appliance mounts them, over real HTTP with an in-test trace
 * store (an API-layer test). The protobuf trace is decoded with the OpenTelemetry proto classes.
 */
class TempoApiTest {
    private static final long NOW_MILLIS = 1_700_000_000_000L;
    private static final long BASE = (NOW_MILLIS - 60_000) * 1_000_000;
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String OTHER = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final InMemoryTraceQuerier store = new InMemoryTraceQuerier();
    private final WebServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    TempoApiTest() {
        store.add(trace(TRACE, 0,
                "a1a1a1a1a1a1a1a1 name=\"GET /checkout\" service=frontend kind=server start=0 dur=500 span.http.status_code=200 resource.env=\"prod\"",
                "b2b2b2b2b2b2b2b2 parent=a1a1a1a1a1a1a1a1 name=\"charge\" service=payments kind=client status=error message=\"declined\" start=60 dur=400 span.http.status_code=503 span.ratio=0.5",
                "c3c3c3c3c3c3c3c3 parent=b2b2b2b2b2b2b2b2 name=\"SELECT\" service=payments kind=internal start=70 dur=100 span.db.system=\"postgresql\""));
        store.add(trace(OTHER, 1_000,
                "d4d4d4d4d4d4d4d4 parent=ffffffffffffffff name=\"consume\" service=worker kind=consumer status=error start=0 dur=20"));
        InstantSource clock = InstantSource.fixed(Instant.ofEpochMilli(NOW_MILLIS));
        TraceqlEngine engine = new TraceqlEngine(store, TraceSearchConfig.defaults(), System::nanoTime);
        TempoApi tempo = new TempoApi(store, engine, TempoApiConfig.defaults(),
                new BuildInfo("2.7.0", "abc", "main", "ci", "20260101-00:00:00", "java25"), clock);
        JaegerApi jaeger = new JaegerApi(store, (end, lookback) -> List.of(), JaegerApiConfig.defaults(), clock);
        server = WebServer.builder().host("127.0.0.1").port(0).addProtocol(PrometheusApi.http1Config())
                .routing(r -> r.register("/tempo", tempo)
                        .register("/api/v1/traces", new CriticalPathApi(store))
                        .register("/api", jaeger))
                .build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void traceqlSearchInTemposShape() {
        HttpResponse<String> reply = get("/tempo/api/search?q=" + encode("{ status = error && span.http.status_code >= 500 }")
                + "&start=" + (NOW_MILLIS / 1000 - 3600) + "&end=" + (NOW_MILLIS / 1000) + "&limit=5&spss=2");
        assertThat(reply.statusCode()).isEqualTo(200);
        JsonObject body = JsonParser.parseString(reply.body()).getAsJsonObject();
        assertThat(body).isEqualTo(JsonParser.parseString("""
                {"traces":[{"traceID":"0af7651916cd43dd8448eb211c80319c","rootServiceName":"frontend",
                  "rootTraceName":"GET /checkout","startTimeUnixNano":"1699999940000000000","durationMs":500,
                  "spanSet":{"spans":[{"spanID":"b2b2b2b2b2b2b2b2","name":"charge","startTimeUnixNano":"1699999940060000000",
                    "durationNanos":"400000000","attributes":[{"key":"service.name","value":{"stringValue":"payments"}},
                    {"key":"http.status_code","value":{"intValue":"503"}}]}],"matched":1},
                  "spanSets":[{"spans":[{"spanID":"b2b2b2b2b2b2b2b2","name":"charge","startTimeUnixNano":"1699999940060000000",
                    "durationNanos":"400000000","attributes":[{"key":"service.name","value":{"stringValue":"payments"}},
                    {"key":"http.status_code","value":{"intValue":"503"}}]}],"matched":1}]}],
                 "metrics":{"inspectedTraces":2,"inspectedBytes":"0","completedJobs":1,"totalJobs":1}}"""));
        // The store was asked for the pushed-down condition.
        assertThat(store.searches.getLast().statusCode()).hasValue(SpanRecord.STATUS_ERROR);
    }

    @Test
    void searchWithoutRootAndWithTagsAndDurations() {
        JsonArray traces = JsonParser.parseString(get("/tempo/api/search?q=" + encode("{ kind = consumer }")).body())
                .getAsJsonObject().getAsJsonArray("traces");
        assertThat(traces).hasSize(1);
        assertThat(traces.get(0).getAsJsonObject().get("rootServiceName").getAsString()).isEqualTo("<root span not yet received>");
        assertThat(traces.get(0).getAsJsonObject().has("rootTraceName")).isFalse();

        JsonArray tagged = JsonParser.parseString(get("/tempo/api/search?tags=" + encode("service.name=payments db.system=postgresql")
                + "&minDuration=100ms").body()).getAsJsonObject().getAsJsonArray("traces");
        assertThat(tagged).hasSize(1);
        TraceSearch search = store.searches.getLast();
        assertThat(search.service()).hasValue("payments");
        assertThat(search.attributes()).containsExactly(
                new TraceSearch.AttributeCondition(TraceSearch.Scope.ANY, "db.system", "postgresql"));
        assertThat(search.minTraceDuration()).isEqualTo(Duration.ofMillis(100));
        assertThat(search.endNanos() - search.startNanos()).isEqualTo(Duration.ofHours(1).toNanos());
        JsonObject spanSet = tagged.get(0).getAsJsonObject().getAsJsonObject("spanSet");
        assertThat(spanSet.getAsJsonArray("spans").get(0).getAsJsonObject().get("spanID").getAsString())
                .isEqualTo("c3c3c3c3c3c3c3c3");
    }

    @Test
    void badQueriesAndParametersAre400Text() {
        HttpResponse<String> reply = get("/tempo/api/search?q=" + encode("{ status = error } | count() > 1"));
        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(reply.body()).contains("unsupported TraceQL: the pipeline operator |");
        assertThat(get("/tempo/api/search?q=%7B%7D&minDuration=fast").statusCode()).isEqualTo(400);
        assertThat(get("/tempo/api/search?q=%7B%7D&start=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/tempo/api/search?q=%7B%7D&limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void traceByIdAsJsonBatchesAndResourceSpans() {
        JsonObject v1 = JsonParser.parseString(get("/tempo/api/traces/" + TRACE).body()).getAsJsonObject();
        JsonArray batches = v1.getAsJsonArray("batches");
        assertThat(batches).hasSize(2);
        JsonObject frontend = batches.get(0).getAsJsonObject();
        assertThat(frontend.getAsJsonObject("resource").getAsJsonArray("attributes")).isEqualTo(JsonParser.parseString(
                "[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"frontend\"}},{\"key\":\"env\",\"value\":{\"stringValue\":\"prod\"}}]"));
        JsonObject charge = batches.get(1).getAsJsonObject().getAsJsonArray("scopeSpans").get(0).getAsJsonObject()
                .getAsJsonArray("spans").get(0).getAsJsonObject();
        assertThat(charge).isEqualTo(JsonParser.parseString("""
                {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b2b2b2b2b2b2b2b2","parentSpanId":"a1a1a1a1a1a1a1a1",
                 "flags":1,"name":"charge","kind":"SPAN_KIND_CLIENT","startTimeUnixNano":"1699999940060000000",
                 "endTimeUnixNano":"1699999940460000000","attributes":[{"key":"http.status_code","value":{"intValue":"503"}},
                 {"key":"ratio","value":{"doubleValue":0.5}}],"status":{"message":"declined","code":"STATUS_CODE_ERROR"}}"""));
        JsonObject v2 = JsonParser.parseString(get("/tempo/api/v2/traces/" + TRACE).body()).getAsJsonObject();
        assertThat(v2.getAsJsonObject("trace").getAsJsonArray("resourceSpans")).isEqualTo(batches);
        HttpResponse<String> missing = get("/tempo/api/traces/" + "1".repeat(32));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(get("/tempo/api/traces/nothex").statusCode()).isEqualTo(400);
    }

    @Test
    void traceByIdAsProtobufForGrafana() throws Exception {
        byte[] v1 = getBytes("/tempo/api/traces/" + TRACE);
        TracesData data = TracesData.parseFrom(v1);
        assertProtobufTrace(data);
        byte[] v2 = getBytes("/tempo/api/v2/traces/" + TRACE);
        byte[] inner = UnknownFieldSet.parseFrom(v2).getField(1).getLengthDelimitedList().getFirst().toByteArray();
        assertThat(TracesData.parseFrom(inner)).isEqualTo(data);
    }

    private static void assertProtobufTrace(TracesData data) {
        assertThat(data.getResourceSpansCount()).isEqualTo(2);
        assertThat(data.getResourceSpans(0).getResource().getAttributes(0).getValue().getStringValue()).isEqualTo("frontend");
        Span charge = data.getResourceSpans(1).getScopeSpans(0).getSpans(0);
        assertThat(charge.getName()).isEqualTo("charge");
        assertThat(charge.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(charge.getStartTimeUnixNano()).isEqualTo(1_699_999_940_060_000_000L);
        assertThat(charge.getEndTimeUnixNano()).isEqualTo(1_699_999_940_460_000_000L);
        assertThat(charge.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(charge.getStatus().getMessage()).isEqualTo("declined");
        assertThat(charge.getTraceId().toByteArray()).hasSize(16);
        assertThat(charge.getParentSpanId().toByteArray()).containsExactly(0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1);
        assertThat(charge.getAttributes(0).getValue().getIntValue()).isEqualTo(503);
        assertThat(charge.getAttributes(1).getValue().getDoubleValue()).isEqualTo(0.5);
        assertThat(charge.getFlags()).isEqualTo(1);
        assertThat(data.getResourceSpans(1).getScopeSpans(0).getSpansCount()).isEqualTo(2);
    }

    @Test
    void tagsAndValues() {
        assertThat(JsonParser.parseString(get("/tempo/api/search/tags").body())).isEqualTo(JsonParser.parseString(
                "{\"tagNames\":[\"db.system\",\"env\",\"http.status_code\",\"ratio\",\"service.name\"]}"));
        JsonObject v2 = JsonParser.parseString(get("/tempo/api/v2/search/tags?scope=resource").body()).getAsJsonObject();
        assertThat(v2).isEqualTo(JsonParser.parseString(
                "{\"scopes\":[{\"name\":\"resource\",\"tags\":[\"env\",\"service.name\"]}]}"));
        assertThat(JsonParser.parseString(get("/tempo/api/v2/search/tags").body()).getAsJsonObject()
                .getAsJsonArray("scopes")).hasSize(3);
        assertThat(JsonParser.parseString(get("/tempo/api/search/tag/http.status_code/values").body())).isEqualTo(
                JsonParser.parseString("{\"tagValues\":[\"200\",\"503\"]}"));
        assertThat(JsonParser.parseString(get("/tempo/api/v2/search/tag/span.http.status_code/values").body())).isEqualTo(
                JsonParser.parseString("{\"tagValues\":[{\"type\":\"int\",\"value\":\"200\"},{\"type\":\"int\",\"value\":\"503\"}]}"));
        assertThat(JsonParser.parseString(get("/tempo/api/v2/search/tag/resource.service.name/values").body())
                .getAsJsonObject().getAsJsonArray("tagValues")).hasSize(3);
        assertThat(JsonParser.parseString(get("/tempo/api/v2/search/tag/status/values").body())).isEqualTo(
                JsonParser.parseString("{\"tagValues\":[{\"type\":\"keyword\",\"value\":\"error\"},"
                        + "{\"type\":\"keyword\",\"value\":\"ok\"},{\"type\":\"keyword\",\"value\":\"unset\"}]}"));
        assertThat(JsonParser.parseString(get("/tempo/api/v2/search/tag/name/values").body()).getAsJsonObject()
                .getAsJsonArray("tagValues")).hasSize(4);
    }

    @Test
    void echoBuildInfoAndUnknownPaths() {
        assertThat(get("/tempo/api/echo").body()).isEqualTo("echo\n");
        assertThat(JsonParser.parseString(get("/tempo/api/status/buildinfo").body()).getAsJsonObject()
                .get("version").getAsString()).isEqualTo("2.7.0");
        assertThat(get("/tempo/api/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void jaegerAndTempoTracePathsAndTheCriticalPathLiveSideBySide() {
        JsonObject jaeger = JsonParser.parseString(get("/api/traces/" + TRACE).body()).getAsJsonObject();
        assertThat(jaeger.getAsJsonArray("data").get(0).getAsJsonObject().get("traceID").getAsString()).isEqualTo(TRACE);
        HttpResponse<String> path = get("/api/v1/traces/" + TRACE + "/critical-path");
        assertThat(path.statusCode()).isEqualTo(200);
        assertThat(JsonParser.parseString(path.body())).isEqualTo(JsonParser.parseString("""
                {"status":"success","data":{"traceID":"0af7651916cd43dd8448eb211c80319c","sections":[
                 {"spanID":"a1a1a1a1a1a1a1a1","startTimeUnixNano":"1699999940000000000","endTimeUnixNano":"1699999940060000000","durationNanos":60000000},
                 {"spanID":"b2b2b2b2b2b2b2b2","startTimeUnixNano":"1699999940060000000","endTimeUnixNano":"1699999940070000000","durationNanos":10000000},
                 {"spanID":"c3c3c3c3c3c3c3c3","startTimeUnixNano":"1699999940070000000","endTimeUnixNano":"1699999940170000000","durationNanos":100000000},
                 {"spanID":"b2b2b2b2b2b2b2b2","startTimeUnixNano":"1699999940170000000","endTimeUnixNano":"1699999940460000000","durationNanos":290000000},
                 {"spanID":"a1a1a1a1a1a1a1a1","startTimeUnixNano":"1699999940460000000","endTimeUnixNano":"1699999940500000000","durationNanos":40000000}]}}"""));
        assertThat(get("/api/v1/traces/" + "2".repeat(32) + "/critical-path").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/traces/zz/critical-path").statusCode()).isEqualTo(400);
    }

    private static List<SpanRecord> trace(String traceId, long offsetMs, String... lines) {
        List<SpanRecord> out = new ArrayList<>();
        for (String line : lines) {
            out.add(SpanLines.parse(line, traceId, BASE + offsetMs * 1_000_000));
        }
        return out;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private byte[] getBytes(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> reply = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Accept", "application/protobuf").timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/protobuf");
        return reply.body();
    }
}
