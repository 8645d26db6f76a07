package io.sightline.query.api.jaeger;

import static io.sightline.query.api.jaeger.JaegerApiServer.NOW_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.sightline.query.api.jaeger.JaegerApiServer.Reply;
import io.sightline.query.traces.DependencySource.DependencyLink;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceSearch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Jaeger query API over real HTTP against Jaeger's documented JSON model and error bodies,
 * driven by an in-test trace store ({@code InMemoryTraceQuerier}): an API-layer test.
 */
class JaegerApiTest {
    static final String TRACE = "5b8efff798038103d269b633813fc60c";
    static final long T0 = NOW_MILLIS * 1_000_000;

    private final JaegerApiServer server = new JaegerApiServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void traceByIdInJaegersModel() {
        server.store.add(richTrace());
        Reply reply = server.get("/api/traces/" + TRACE);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(JsonParser.parseString(reply.body())).isEqualTo(golden("trace.json"));
        // Upper case and a short id left-padded with zeros are the same trace, as Jaeger reads ids.
        assertThat(server.get("/api/traces/" + TRACE.toUpperCase()).status()).isEqualTo(200);
    }

    @Test
    void everyFieldHasJaegersJsonType() {
        server.store.add(richTrace());
        JsonObject trace = JsonParser.parseString(server.get("/api/traces/" + TRACE).body()).getAsJsonObject()
                .getAsJsonArray("data").get(0).getAsJsonObject();
        assertThat(trace.get("traceID").getAsJsonPrimitive().isString()).isTrue();
        for (JsonElement element : trace.getAsJsonArray("spans")) {
            JsonObject span = element.getAsJsonObject();
            assertThat(span.keySet()).contains("traceID", "spanID", "operationName", "references", "startTime",
                    "duration", "tags", "logs", "processID", "warnings");
            assertThat(span.get("startTime").getAsJsonPrimitive().isNumber()).isTrue();
            assertThat(span.get("duration").getAsJsonPrimitive().isNumber()).isTrue();
            assertThat(trace.getAsJsonObject("processes").has(span.get("processID").getAsString())).isTrue();
            for (JsonElement tag : span.getAsJsonArray("tags")) {
                checkTag(tag.getAsJsonObject());
            }
            for (JsonElement log : span.getAsJsonArray("logs")) {
                assertThat(log.getAsJsonObject().get("timestamp").getAsJsonPrimitive().isNumber()).isTrue();
                log.getAsJsonObject().getAsJsonArray("fields").forEach(f -> checkTag(f.getAsJsonObject()));
            }
        }
    }

    private static void checkTag(JsonObject tag) {
        JsonElement value = tag.get("value");
        switch (tag.get("type").getAsString()) {
            case "string", "binary" -> assertThat(value.getAsJsonPrimitive().isString()).isTrue();
            case "bool" -> assertThat(value.getAsJsonPrimitive().isBoolean()).isTrue();
            case "int64", "float64" -> assertThat(value.getAsJsonPrimitive().isNumber()).isTrue();
            default -> throw new AssertionError("unknown tag type " + tag);
        }
    }

    @Test
    void unknownTraceIsA404WithJaegersErrorBody() {
        Reply reply = server.get("/api/traces/" + TRACE);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(JsonParser.parseString(reply.body())).isEqualTo(JsonParser.parseString(
                "{\"data\":null,\"total\":0,\"limit\":0,\"offset\":0,\"errors\":[{\"code\":404,\"msg\":\"trace not found\"}]}"));
        Reply bad = server.get("/api/traces/xyz");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"code\":400", "strconv.ParseUint: parsing \\\"xyz\\\": invalid syntax");
    }

    @Test
    void servicesAndOperations() {
        server.store.add(richTrace());
        assertThat(JsonParser.parseString(server.get("/api/services").body())).isEqualTo(JsonParser.parseString(
                "{\"data\":[\"frontend\",\"payments\"],\"total\":2,\"limit\":0,\"offset\":0,\"errors\":null}"));
        assertThat(JsonParser.parseString(server.get("/api/services/frontend/operations").body()))
                .isEqualTo(JsonParser.parseString(
                        "{\"data\":[\"GET /checkout\"],\"total\":1,\"limit\":0,\"offset\":0,\"errors\":null}"));
        assertThat(JsonParser.parseString(server.get("/api/operations?service=payments").body()))
                .isEqualTo(JsonParser.parseString("{\"data\":[{\"name\":\"charge\",\"spanKind\":\"client\"}],"
                        + "\"total\":1,\"limit\":0,\"offset\":0,\"errors\":null}"));
        assertThat(JsonParser.parseString(server.get("/api/operations?service=payments&spanKind=server").body())
                .getAsJsonObject().getAsJsonArray("data")).isEmpty();
        Reply missing = server.get("/api/operations");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("parameter 'service' is required");
    }

    @Test
    void searchTranslatesJaegerParametersToTheStoresSearch() {
        server.store.add(richTrace());
        String tags = URLEncoder.encode("{\"error\":\"true\",\"span.kind\":\"client\",\"retry.ratio\":\"0.5\"}", StandardCharsets.UTF_8);
        Reply reply = server.get("/api/traces?service=payments&operation=charge&tags=" + tags
                + "&minDuration=1.2ms&maxDuration=1s&start=1699999999000000&end=1700000001000000&limit=20&lookback=1h");
        assertThat(reply.status()).isEqualTo(200);
        JsonObject body = JsonParser.parseString(reply.body()).getAsJsonObject();
        assertThat(body.getAsJsonArray("data")).hasSize(1);
        assertThat(body.get("total").getAsInt()).isZero();
        TraceSearch search = server.store.searches.getLast();
        assertThat(search).isEqualTo(new TraceSearch(1_699_999_999_000_000_000L, 1_700_000_001_000_001_000L,
                Optional.of("payments"), Optional.of("charge"), OptionalInt.of(SpanRecord.KIND_CLIENT),
                OptionalInt.of(SpanRecord.STATUS_ERROR),
                List.of(new TraceSearch.AttributeCondition(TraceSearch.Scope.ANY, "retry.ratio", "0.5")),
                Duration.ofNanos(1_200_000), Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, 20,
                Duration.ofSeconds(30)));
    }

    @Test
    void searchTakesLogfmtTagsTagPairsAndDefaults() {
        server.get("/api/traces?service=web&tags=" + URLEncoder.encode("http.route=\"/a b\" otel.status_code=OK",
                StandardCharsets.UTF_8) + "&tag=db.system:postgresql");
        TraceSearch search = server.store.searches.getLast();
        assertThat(search.attributes()).containsExactly(
                new TraceSearch.AttributeCondition(TraceSearch.Scope.ANY, "db.system", "postgresql"),
                new TraceSearch.AttributeCondition(TraceSearch.Scope.ANY, "http.route", "/a b"));
        assertThat(search.statusCode()).hasValue(SpanRecord.STATUS_OK);
        assertThat(search.limit()).isEqualTo(100);
        assertThat(search.endNanos()).isEqualTo(T0 + 1_000);
        assertThat(search.startNanos()).isEqualTo(T0 - Duration.ofHours(48).toNanos());
        server.get("/api/traces?service=web&lookback=2h&limit=5000");
        assertThat(server.store.searches.getLast().startNanos()).isEqualTo(T0 - Duration.ofHours(2).toNanos());
        assertThat(server.store.searches.getLast().limit()).isEqualTo(1000);
    }

    @Test
    void searchByTraceIds() {
        server.store.add(richTrace());
        JsonObject body = JsonParser.parseString(server.get("/api/traces?traceID=" + TRACE + "&traceID=1").body())
                .getAsJsonObject();
        assertThat(body.getAsJsonArray("data")).hasSize(1);
        assertThat(server.store.searches).isEmpty();
    }

    @Test
    void badSearchParametersAre400sInJaegersWords() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/api/traces", "parameter 'service' is required");
        cases.put("/api/traces?service=a&start=x", "unable to parse param 'start': strconv.ParseInt: parsing \\\"x\\\": invalid syntax");
        cases.put("/api/traces?service=a&minDuration=5", "unable to parse param 'minDuration': time: invalid duration \\\"5\\\"");
        cases.put("/api/traces?service=a&minDuration=2s&maxDuration=1s", "'maxDuration' should be greater than 'minDuration'");
        cases.put("/api/traces?service=a&limit=ten", "strconv.ParseInt: parsing \\\"ten\\\": invalid syntax");
        cases.put("/api/traces?service=a&tags=" + URLEncoder.encode("{\"a\":1}", StandardCharsets.UTF_8),
                "malformed 'tags' parameter, cannot unmarshal JSON");
        cases.put("/api/traces?service=a&tag=nocolon", "malformed 'tag' parameter, expecting key:value, received: nocolon");
        cases.put("/api/dependencies?endTs=soon", "unable to parse param 'endTs'");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Reply reply = server.get(c.getKey());
            assertThat(reply.status()).as(c.getKey()).isEqualTo(400);
            JsonObject body = JsonParser.parseString(reply.body()).getAsJsonObject();
            assertThat(body.get("data").isJsonNull()).isTrue();
            JsonArray errors = body.getAsJsonArray("errors");
            assertThat(errors.get(0).getAsJsonObject().get("code").getAsInt()).isEqualTo(400);
            assertThat(reply.body()).as(c.getKey()).contains(c.getValue());
        }
    }

    @Test
    void dependenciesFromTheSourceFilteredByService() {
        server.dependencies.links = List.of(new DependencyLink("frontend", "payments", 12),
                new DependencyLink("payments", "db", 30), new DependencyLink("cron", "db", 1));
        assertThat(JsonParser.parseString(server.get("/api/dependencies?endTs=1700000000000&lookback=3600000").body()))
                .isEqualTo(JsonParser.parseString("{\"data\":[{\"parent\":\"frontend\",\"child\":\"payments\",\"callCount\":12},"
                        + "{\"parent\":\"payments\",\"child\":\"db\",\"callCount\":30},{\"parent\":\"cron\",\"child\":\"db\","
                        + "\"callCount\":1}],\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}"));
        assertThat(server.dependencies.calls.getLast()).isEqualTo(List.of(1_700_000_000_000L, Duration.ofHours(1)));
        JsonArray payments = JsonParser.parseString(server.get("/api/dependencies?service=payments").body())
                .getAsJsonObject().getAsJsonArray("data");
        assertThat(payments).hasSize(2);
        assertThat(server.dependencies.calls.getLast()).isEqualTo(List.of(NOW_MILLIS, Duration.ofHours(24)));
    }

    @Test
    void unknownPathsAndMethods() {
        Reply reply = server.get("/api/nothing");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEqualTo("404 page not found\n");
    }

    static List<SpanRecord> richTrace() {
        Map<String, Object> rootAttributes = new LinkedHashMap<>();
        rootAttributes.put("http.method", "GET");
        rootAttributes.put("http.status_code", 200L);
        SpanRecord root = new SpanRecord(TRACE, "eee19b7ec3c1b174", "", "vendor=abc", 1, "GET /checkout",
                SpanRecord.KIND_SERVER, T0, T0 + 500_000_000, SpanRecord.STATUS_OK, "", "frontend",
                Map.of("host.name", "web-1"), "io.opentelemetry.tomcat", "2.1.0", rootAttributes,
                List.of(new SpanRecord.SpanEvent(T0 + 100_000_000, "cache miss", Map.of("cache.key", "cart:42"), 0)),
                List.of(), 0, 0, 0);
        Map<String, Object> childAttributes = new LinkedHashMap<>();
        childAttributes.put("retry.ratio", 0.5);
        childAttributes.put("cache.hit", false);
        childAttributes.put("payload", new byte[] {1, 2, 3});
        childAttributes.put("items", List.of("a", "b"));
        SpanRecord child = new SpanRecord(TRACE, "00f067aa0ba902b7", "eee19b7ec3c1b174", "", 0x101, "charge",
                SpanRecord.KIND_CLIENT, T0 + 60_000_000, T0 + 460_000_000, SpanRecord.STATUS_ERROR, "card declined",
                "payments", Map.of(), "", "", childAttributes, List.of(),
                List.of(new SpanRecord.SpanLink("4bf92f3577b34da6a3ce929d0e0e4736", "53995c3f42cd8ad8", "", Map.of(), 1)),
                0, 0, 0);
        return List.of(root, child);
    }

    private static JsonElement golden(String name) {
        try (InputStream in = JaegerApiTest.class.getResourceAsStream("/jaeger-api/" + name)) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
