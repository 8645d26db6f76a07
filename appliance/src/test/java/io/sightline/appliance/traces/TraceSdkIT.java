package io.sightline.appliance.traces;

import static io.sightline.appliance.traces.CheckoutTrace.ms;
import static io.sightline.appliance.traces.TraceClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.sightline.appliance.Appliance;
import io.sightline.appliance.ApplianceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-service trace made by the OpenTelemetry Java SDK (gRPC and HTTP exporters, W3C context
 * propagation) read back from the running appliance through every trace API: Jaeger's model at
 * {@code /api}, Tempo's JSON and protobuf at {@code /tempo}, search by tags, duration and TraceQL
 * (structural too), and the critical path. See {@link CheckoutTrace} for the trace's shape and times.
 */
class TraceSdkIT {
    @TempDir
    static Path dataDir;

    private static Appliance appliance;
    private static TraceClient client;
    private static CheckoutTrace trace;

    @BeforeAll
    static void startAndSend() throws Exception {
        appliance = Appliance.start(ApplianceConfig.of(Map.of("data-dir", dataDir.toString(), "http-port", "0",
                "otlp-grpc-port", "0", "otlp-http-port", "0", "traces.refresh-interval", "100ms")));
        client = new TraceClient(appliance.httpPort());
        trace = CheckoutTrace.send(appliance.otlpGrpcPort(), appliance.otlpHttpPort());
        // The three services' spans arrive through three connections: wait until all six are stored.
        client.poll("/api/traces/" + trace.traceId, answer ->
                answer.getAsJsonObject().getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonArray("spans").size() == 6);
    }

    @AfterAll
    static void stop() {
        if (appliance != null) {
            appliance.close();
        }
    }

    @Test
    void jaegerTraceHasEverySpanWithReferencesProcessesTagsAndLogs() throws Exception {
        JsonObject answer = client.json("/api/traces/" + trace.traceId).getAsJsonObject();
        assertThat(answer.get("errors").isJsonNull()).isTrue();
        JsonArray data = answer.getAsJsonArray("data");
        assertThat(data).hasSize(1);
        JsonObject jaeger = data.get(0).getAsJsonObject();
        assertThat(jaeger.get("traceID").getAsString()).isEqualTo(trace.traceId);
        Map<String, JsonObject> spans = new HashMap<>();
        jaeger.getAsJsonArray("spans").forEach(s -> spans.put(s.getAsJsonObject().get("spanID").getAsString(), s.getAsJsonObject()));
        assertThat(spans.keySet()).containsExactlyInAnyOrderElementsOf(trace.spanIds.values());

        JsonObject processes = jaeger.getAsJsonObject("processes");
        assertThat(processes.keySet()).hasSize(3);
        Map<String, String> serviceByProcess = new HashMap<>();
        for (String id : processes.keySet()) {
            JsonObject process = processes.getAsJsonObject(id);
            serviceByProcess.put(id, process.get("serviceName").getAsString());
            Map<String, JsonObject> tags = tags(process.getAsJsonArray("tags"));
            assertThat(tags).containsKeys("service.version", "deployment.environment.name", "telemetry.sdk.language")
                    .doesNotContainKey("service.name");
            assertThat(tags.get("telemetry.sdk.language").get("value").getAsString()).isEqualTo("java");
            assertThat(tags.get("service.version").get("type").getAsString()).isEqualTo("string");
        }
        assertThat(serviceByProcess.values()).containsExactlyInAnyOrder("frontend", "orders", "inventory");

        // name, service, kind tag, parent (null: root), start and end in ms after the base
        checkSpan(spans, serviceByProcess, "checkout", "GET /checkout", "frontend", "server", null, 0, 500);
        checkSpan(spans, serviceByProcess, "render", "render cart", "frontend", "internal", "checkout", 20, 60);
        checkSpan(spans, serviceByProcess, "callOrders", "POST /orders", "frontend", "client", "checkout", 100, 450);
        checkSpan(spans, serviceByProcess, "orders", "POST /orders", "orders", "server", "callOrders", 110, 440);
        checkSpan(spans, serviceByProcess, "callStock", "GET /stock", "orders", "client", "orders", 150, 400);
        checkSpan(spans, serviceByProcess, "stock", "GET /stock", "inventory", "server", "callStock", 160, 390);

        Map<String, JsonObject> rootTags = tags(spans.get(trace.span("checkout")).getAsJsonArray("tags"));
        assertTag(rootTags, "otel.scope.name", "string", CheckoutTrace.SCOPE);
        assertTag(rootTags, "otel.scope.version", "string", CheckoutTrace.SCOPE_VERSION);
        assertTag(rootTags, "http.route", "string", "/checkout");
        assertTag(rootTags, "http.response.status_code", "int64", "200");
        assertTag(rootTags, "cart.value", "float64", "42.5");
        assertTag(rootTags, "user.premium", "bool", "true");
        assertTag(rootTags, "cart.skus", "string", "[\"sku-1\",\"sku-42\"]");
        assertThat(rootTags).doesNotContainKeys("error", "otel.status_code");
        assertThat(spans.get(trace.span("checkout")).getAsJsonArray("logs")).isEmpty();

        Map<String, JsonObject> okTags = tags(spans.get(trace.span("orders")).getAsJsonArray("tags"));
        assertTag(okTags, "otel.status_code", "string", "OK");
        assertTag(okTags, "order.lines", "int64", "2");
        assertThat(okTags).doesNotContainKey("error");

        JsonObject failing = spans.get(trace.span("stock"));
        Map<String, JsonObject> failingTags = tags(failing.getAsJsonArray("tags"));
        assertTag(failingTags, "error", "bool", "true");
        assertTag(failingTags, "otel.status_code", "string", "ERROR");
        assertTag(failingTags, "otel.status_description", "string", "out of stock");
        JsonArray logs = failing.getAsJsonArray("logs");
        assertThat(logs).hasSize(1);
        JsonObject log = logs.get(0).getAsJsonObject();
        assertThat(log.get("timestamp").getAsLong()).isBetween(trace.eventAfterNanos / 1_000, trace.eventBeforeNanos / 1_000);
        JsonArray fields = log.getAsJsonArray("fields");
        assertThat(fields.get(0).getAsJsonObject().get("key").getAsString()).as("event name first").isEqualTo("event");
        Map<String, JsonObject> fieldMap = tags(fields);
        assertTag(fieldMap, "event", "string", "exception");
        assertTag(fieldMap, "exception.type", "string", "java.lang.IllegalStateException");
        assertTag(fieldMap, "exception.message", "string", CheckoutTrace.FAILURE);
        assertTag(fieldMap, "sku", "string", "sku-42");
        assertThat(fieldMap.get("exception.stacktrace").get("value").getAsString()).contains("CheckoutTrace.send");
    }

    @Test
    void tempoTraceByIdInJsonAndProtobuf() throws Exception {
        JsonObject json = client.json("/tempo/api/traces/" + trace.traceId).getAsJsonObject();
        Map<String, String> serviceBySpan = new HashMap<>();
        Map<String, JsonObject> spans = new HashMap<>();
        for (JsonElement batch : json.getAsJsonArray("batches")) {
            String service = null;
            for (JsonElement attribute : batch.getAsJsonObject().getAsJsonObject("resource").getAsJsonArray("attributes")) {
                if (attribute.getAsJsonObject().get("key").getAsString().equals("service.name")) {
                    service = attribute.getAsJsonObject().getAsJsonObject("value").get("stringValue").getAsString();
                }
            }
            for (JsonElement scope : batch.getAsJsonObject().getAsJsonArray("scopeSpans")) {
                assertThat(scope.getAsJsonObject().getAsJsonObject("scope").get("name").getAsString()).isEqualTo(CheckoutTrace.SCOPE);
                for (JsonElement span : scope.getAsJsonObject().getAsJsonArray("spans")) {
                    spans.put(span.getAsJsonObject().get("spanId").getAsString(), span.getAsJsonObject());
                    serviceBySpan.put(span.getAsJsonObject().get("spanId").getAsString(), service);
                }
            }
        }
        assertThat(spans.keySet()).containsExactlyInAnyOrderElementsOf(trace.spanIds.values());
        JsonObject stock = spans.get(trace.span("stock"));
        assertThat(serviceBySpan.get(trace.span("stock"))).isEqualTo("inventory");
        assertThat(stock.get("traceId").getAsString()).isEqualTo(trace.traceId);
        assertThat(stock.get("parentSpanId").getAsString()).isEqualTo(trace.span("callStock"));
        assertThat(stock.get("kind").getAsString()).isEqualTo("SPAN_KIND_SERVER");
        assertThat(stock.getAsJsonObject("status").get("code").getAsString()).isEqualTo("STATUS_CODE_ERROR");
        assertThat(stock.get("startTimeUnixNano").getAsString()).isEqualTo(Long.toString(trace.baseNanos + ms(160)));
        assertThat(stock.get("endTimeUnixNano").getAsString()).isEqualTo(Long.toString(trace.baseNanos + ms(390)));
        assertThat(stock.getAsJsonArray("events").get(0).getAsJsonObject().get("name").getAsString()).isEqualTo("exception");
        assertThat(spans.get(trace.span("checkout")).has("parentSpanId")).isFalse();

        HttpResponse<byte[]> protobuf = client.getBytes("/tempo/api/traces/" + trace.traceId, "application/protobuf");
        assertThat(protobuf.statusCode()).isEqualTo(200);
        // tempopb.Trace is `repeated ResourceSpans batches = 1`: the same wire shape as OTLP's TracesData.
        TracesData decoded = TracesData.parseFrom(protobuf.body());
        Map<String, String> parents = new HashMap<>();
        Map<String, String> services = new HashMap<>();
        for (ResourceSpans batch : decoded.getResourceSpansList()) {
            String service = batch.getResource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                    .findFirst().orElseThrow().getValue().getStringValue();
            for (ScopeSpans scope : batch.getScopeSpansList()) {
                scope.getSpansList().forEach(span -> {
                    String id = java.util.HexFormat.of().formatHex(span.getSpanId().toByteArray());
                    parents.put(id, java.util.HexFormat.of().formatHex(span.getParentSpanId().toByteArray()));
                    services.put(id, service);
                    assertThat(java.util.HexFormat.of().formatHex(span.getTraceId().toByteArray())).isEqualTo(trace.traceId);
                });
            }
        }
        assertThat(parents).containsExactlyInAnyOrderEntriesOf(Map.of(trace.span("checkout"), "",
                trace.span("render"), trace.span("checkout"), trace.span("callOrders"), trace.span("checkout"),
                trace.span("orders"), trace.span("callOrders"), trace.span("callStock"), trace.span("orders"),
                trace.span("stock"), trace.span("callStock")));
        JsonObject v2 = client.json("/tempo/api/v2/traces/" + trace.traceId).getAsJsonObject();
        assertThat(v2.getAsJsonObject("trace").getAsJsonArray("resourceSpans")).hasSize(3);
        assertThat(client.json("/tempo/api/v2/search/tag/resource.service.name/values").getAsJsonObject()
                .getAsJsonArray("tagValues").toString()).isEqualTo("[{\"type\":\"string\",\"value\":\"frontend\"},"
                + "{\"type\":\"string\",\"value\":\"inventory\"},{\"type\":\"string\",\"value\":\"orders\"}]");
        assertThat(services).containsEntry(trace.span("orders"), "orders").containsEntry(trace.span("stock"), "inventory")
                .containsEntry(trace.span("render"), "frontend");
    }

    @Test
    void jaegerServicesOperationsAndSearchByTagsAndDuration() throws Exception {
        assertThat(strings(client.json("/api/services").getAsJsonObject().getAsJsonArray("data")))
                .containsExactly("frontend", "inventory", "orders");
        assertThat(strings(client.json("/api/services/orders/operations").getAsJsonObject().getAsJsonArray("data")))
                .containsExactlyInAnyOrder("POST /orders", "GET /stock");
        String byRoute = "/api/traces?service=orders&lookback=1h&tags=" + enc("{\"http.route\":\"/orders\"}");
        assertThat(traceIds(byRoute)).containsExactly(trace.traceId);
        // Durations are the matching span's: orders' server span lasts 330 ms, the trace 500 ms.
        assertThat(traceIds(byRoute + "&minDuration=300ms")).containsExactly(trace.traceId);
        assertThat(traceIds(byRoute + "&minDuration=400ms")).isEmpty();
        assertThat(traceIds(byRoute + "&maxDuration=300ms")).isEmpty();
        assertThat(traceIds("/api/traces?service=inventory&lookback=1h&tags=" + enc("{\"error\":\"true\"}")))
                .containsExactly(trace.traceId);
        assertThat(traceIds("/api/traces?service=frontend&lookback=1h&tags=" + enc("{\"error\":\"true\"}"))).isEmpty();
        assertThat(traceIds("/api/traces?service=frontend&operation=" + enc("render cart") + "&tag=span.kind:internal"))
                .containsExactly(trace.traceId);
        // Service, tags and duration must hold on one span: /checkout and 450 ms are frontend's, not orders'.
        assertThat(traceIds("/api/traces?service=orders&lookback=1h&tags=" + enc("{\"http.route\":\"/checkout\"}"))).isEmpty();
        assertThat(traceIds("/api/traces?service=orders&lookback=1h&minDuration=450ms")).isEmpty();
        assertThat(traceIds("/api/traces?service=frontend&lookback=1h&minDuration=450ms")).containsExactly(trace.traceId);
        assertThat(client.json("/api/operations?service=orders&spanKind=server").getAsJsonObject().getAsJsonArray("data")
                .toString()).isEqualTo("[{\"name\":\"POST /orders\",\"spanKind\":\"server\"}]");
        // By id within a time range (µs): the range narrows the day partitions read, so a range around
        // the trace finds it and one days before it does not.
        long startMicros = trace.baseNanos / 1_000;
        long dayMicros = 86_400_000_000L;
        assertThat(client.json("/api/traces/" + trace.traceId + "?start=" + startMicros + "&end=" + (startMicros + 500_000))
                .getAsJsonObject().getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonArray("spans")).hasSize(6);
        assertThat(client.get("/api/traces/" + trace.traceId + "?start=" + (startMicros - 3 * dayMicros) + "&end="
                + (startMicros - 2 * dayMicros)).statusCode()).isEqualTo(404);
    }

    @Test
    void tempoSearchWithTraceqlIncludingStructure() throws Exception {
        JsonArray failing = tempoSearch("{ resource.service.name = \"inventory\" && status = error }");
        assertThat(failing).hasSize(1);
        JsonObject found = failing.get(0).getAsJsonObject();
        assertThat(found.get("traceID").getAsString()).isEqualTo(trace.traceId);
        assertThat(found.get("rootServiceName").getAsString()).isEqualTo("frontend");
        assertThat(found.get("rootTraceName").getAsString()).isEqualTo("GET /checkout");
        assertThat(found.get("durationMs").getAsLong()).isEqualTo(500);
        assertThat(found.get("startTimeUnixNano").getAsString()).isEqualTo(Long.toString(trace.baseNanos));
        assertThat(matchedSpanIds(found)).containsExactly(trace.span("stock"));

        JsonArray descendants = tempoSearch("{ resource.service.name=\"frontend\" } >> { resource.service.name=\"inventory\" }");
        assertThat(descendants).hasSize(1);
        assertThat(matchedSpanIds(descendants.get(0).getAsJsonObject())).containsExactly(trace.span("stock"));
        JsonArray children = tempoSearch("{ resource.service.name=\"orders\" && kind = client } > { kind = server }");
        assertThat(matchedSpanIds(children.get(0).getAsJsonObject())).containsExactly(trace.span("stock"));
        assertThat(tempoSearch("{ resource.service.name=\"inventory\" } >> { resource.service.name=\"frontend\" }")).isEmpty();
        assertThat(tempoSearch("{ resource.service.name=\"frontend\" } > { resource.service.name=\"inventory\" }")).isEmpty();
        assertThat(tempoSearch("{ duration > 300ms && duration < 400ms }")).hasSize(1);
        assertThat(tempoSearch("{ span.cart.value = 42.5 && span.user.premium = true }")).hasSize(1);
    }

    @Test
    void searchRangesTagsAndTraceDurationsInTempo() throws Exception {
        long startSeconds = trace.baseNanos / 1_000_000_000L;
        String inventory = enc("{ resource.service.name = \"inventory\" }");
        assertThat(client.json("/tempo/api/search?q=" + inventory + "&start=" + (startSeconds - 60) + "&end=" + (startSeconds + 60))
                .getAsJsonObject().getAsJsonArray("traces")).hasSize(1);
        assertThat(client.json("/tempo/api/search?q=" + inventory + "&start=" + (startSeconds - 7200) + "&end=" + (startSeconds - 3600))
                .getAsJsonObject().getAsJsonArray("traces")).isEmpty();
        // Tempo's duration bounds are the trace's (500 ms), not a span's.
        assertThat(client.json("/tempo/api/search?tags=" + enc("service.name=inventory") + "&minDuration=450ms")
                .getAsJsonObject().getAsJsonArray("traces")).hasSize(1);
        assertThat(client.json("/tempo/api/search?tags=" + enc("service.name=inventory") + "&minDuration=600ms")
                .getAsJsonObject().getAsJsonArray("traces")).isEmpty();
        assertThat(client.json("/tempo/api/search?tags=" + enc("http.route=/stock/{sku}"))
                .getAsJsonObject().getAsJsonArray("traces")).hasSize(1);
        assertThat(strings(client.json("/tempo/api/search/tags?scope=resource").getAsJsonObject().getAsJsonArray("tagNames")))
                .contains("service.name", "service.version", "deployment.environment.name");
        assertThat(strings(client.json("/tempo/api/search/tag/http.route/values").getAsJsonObject().getAsJsonArray("tagValues")))
                .containsExactlyInAnyOrder("/checkout", "/orders", "/stock/{sku}");
        // The self-metrics name trace handlers by pattern, never by raw path.
        assertThat(client.get("/metrics").body()).contains("handler=\"/api/traces/:id\"")
                .contains("handler=\"/tempo/api/search\"").doesNotContain(trace.traceId);
    }

    @Test
    void criticalPathTilesTheRootFromEnd() throws Exception {
        JsonObject answer = client.json("/api/v1/traces/" + trace.traceId + "/critical-path").getAsJsonObject();
        assertThat(answer.get("status").getAsString()).isEqualTo("success");
        JsonArray sections = answer.getAsJsonObject("data").getAsJsonArray("sections");
        Map<String, String> names = new HashMap<>();
        trace.spanIds.forEach((name, id) -> names.put(id, name));
        List<String> path = sections.asList().stream().map(s -> {
            JsonObject section = s.getAsJsonObject();
            long start = (Long.parseLong(section.get("startTimeUnixNano").getAsString()) - trace.baseNanos) / 1_000_000;
            long end = (Long.parseLong(section.get("endTimeUnixNano").getAsString()) - trace.baseNanos) / 1_000_000;
            assertThat(section.get("durationNanos").getAsLong()).isEqualTo(ms(end - start));
            return names.get(section.get("spanID").getAsString()) + " " + start + "-" + end;
        }).toList();
        // Walked back from the root's end (Jaeger UI's algorithm): the last-finishing child each time.
        assertThat(path).containsExactly("checkout 0-20", "render 20-60", "checkout 60-100", "callOrders 100-110",
                "orders 110-150", "callStock 150-160", "stock 160-390", "callStock 390-400", "orders 400-440",
                "callOrders 440-450", "checkout 450-500");
    }

    private static void checkSpan(Map<String, JsonObject> spans, Map<String, String> serviceByProcess, String name,
                                  String operation, String service, String kind, String parent, long startMs, long endMs) {
        JsonObject span = spans.get(trace.span(name));
        assertThat(span.get("traceID").getAsString()).isEqualTo(trace.traceId);
        assertThat(span.get("operationName").getAsString()).as(name).isEqualTo(operation);
        assertThat(serviceByProcess.get(span.get("processID").getAsString())).as(name).isEqualTo(service);
        assertThat(span.get("startTime").getAsLong()).as(name + " start (µs)").isEqualTo((trace.baseNanos + ms(startMs)) / 1_000);
        assertThat(span.get("duration").getAsLong()).as(name + " duration (µs)").isEqualTo((endMs - startMs) * 1_000);
        assertThat(span.get("flags").getAsInt()).as("W3C trace flags").isEqualTo(trace.traceFlags).matches(f -> (f & 1) == 1, "sampled");
        assertTag(tags(span.getAsJsonArray("tags")), "span.kind", "string", kind);
        JsonArray references = span.getAsJsonArray("references");
        if (parent == null) {
            assertThat(references).as(name).isEmpty();
        } else {
            assertThat(references.toString()).as(name).isEqualTo("[{\"refType\":\"CHILD_OF\",\"traceID\":\"" + trace.traceId
                    + "\",\"spanID\":\"" + trace.span(parent) + "\"}]");
        }
    }

    private static Map<String, JsonObject> tags(JsonArray tags) {
        Map<String, JsonObject> byKey = new LinkedHashMap<>();
        tags.forEach(t -> assertThat(byKey.put(t.getAsJsonObject().get("key").getAsString(), t.getAsJsonObject()))
                .as("duplicate tag %s", t).isNull());
        return byKey;
    }

    private static void assertTag(Map<String, JsonObject> tags, String key, String type, String value) {
        assertThat(tags).as("tags %s", tags.keySet()).containsKey(key);
        assertThat(tags.get(key).get("type").getAsString()).as(key).isEqualTo(type);
        assertThat(tags.get(key).get("value").getAsString()).as(key).isEqualTo(value);
    }

    private static List<String> strings(JsonArray array) {
        return array.asList().stream().map(JsonElement::getAsString).toList();
    }

    private static List<String> traceIds(String search) throws Exception {
        return client.json(search).getAsJsonObject().getAsJsonArray("data").asList().stream()
                .map(t -> t.getAsJsonObject().get("traceID").getAsString()).toList();
    }

    private static JsonArray tempoSearch(String traceql) throws Exception {
        return client.json("/tempo/api/search?q=" + enc(traceql)).getAsJsonObject().getAsJsonArray("traces");
    }

    private static List<String> matchedSpanIds(JsonObject found) {
        return found.getAsJsonObject("spanSet").getAsJsonArray("spans").asList().stream()
                .map(s -> s.getAsJsonObject().get("spanID").getAsString()).collect(Collectors.toList());
    }
}
