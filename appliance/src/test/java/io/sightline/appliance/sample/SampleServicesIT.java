package io.sightline.appliance.sample;

import static io.sightline.appliance.traces.TraceClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sightline.appliance.Sightline;
import io.sightline.appliance.traces.TraceClient;
import io.sightline.sample.services.FaultSettings;
import io.sightline.sample.services.SampleServices;
import io.sightline.sample.services.SampleServicesConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample services, instrumented only through the OpenTelemetry SDK, against Sightline embedded
 * in the test's JVM ({@link Sightline}): what one request leaves in Sightline (a trace across the three
 * services, their RED metrics, an error log carrying the failing trace's id), and that injected
 * faults change what Sightline measures as configured.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleServicesIT {
    private static final String[] SERVICES = {"frontend", "orders", "inventory"};

    @TempDir
    static Path dataDir;

    private static Sightline sightline;
    private static SampleServices services;
    private static TraceClient api;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        sightline = Sightline.start(Sightline.config(dataDir).ephemeralPorts()
                .set("traces.refresh-interval", "100ms").set("logs.refresh-interval", "100ms"));
        services = SampleServices.start(new SampleServicesConfig(sightline.otlpHttpEndpoint().toString(), "127.0.0.1",
                0, 0, 0, Duration.ofMillis(500), Map.of()));
        api = new TraceClient(sightline.httpEndpoint().getPort());
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (sightline != null) {
            sightline.close();
        }
    }

    @AfterEach
    void clearFaults() {
        for (String service : SERVICES) {
            services.setFaults(service, FaultSettings.none());
        }
    }

    @Test
    void anOrderIsOneTraceAcrossTheThreeServicesWithParentLinksAndHttpAttributes() throws Exception {
        HttpResponse<String> placed = send("POST", "/api/orders", "{\"sku\":\"SKU-7\",\"quantity\":2}");
        assertThat(placed.statusCode()).as(placed.body()).isBetween(200, 201);

        // Complete: three services, and every span's parent arrived (each service exports in its own batches).
        JsonObject trace = newestTrace("frontend", "POST /api/orders", "{}",
                spans -> services(spans).size() == 3 && parentsPresent(spans));
        Map<String, JsonObject> byId = new HashMap<>();
        for (JsonElement span : trace.getAsJsonArray("spans")) {
            byId.put(span.getAsJsonObject().get("spanID").getAsString(), span.getAsJsonObject());
        }
        JsonObject root = only(trace, "frontend", "POST /api/orders");
        assertThat(root.getAsJsonArray("references")).isEmpty();
        assertThat(tags(root)).containsEntry("span.kind", "server").containsEntry("http.route", "/api/orders")
                .containsEntry("http.request.method", "POST").containsKey("http.response.status_code");
        // every other span's parent is in the trace: one request, one tree over three services
        for (JsonObject span : byId.values()) {
            if (span != root) {
                String parent = span.getAsJsonArray("references").get(0).getAsJsonObject().get("spanID").getAsString();
                assertThat(byId).as("parent of %s", span.get("operationName")).containsKey(parent);
            }
        }
        JsonObject ordersServer = only(trace, "orders", "POST /orders");
        assertThat(tags(parentOf(ordersServer, byId))).containsEntry("span.kind", "client");
        assertThat(service(trace, parentOf(parentOf(ordersServer, byId), byId))).isEqualTo("frontend");
        JsonObject inventoryServer = only(trace, "inventory", "POST /inventory/reserve");
        assertThat(service(trace, parentOf(parentOf(inventoryServer, byId), byId))).isEqualTo("orders");
        assertThat(trace.getAsJsonArray("spans").asList()).anySatisfy(span -> assertThat(tags(span.getAsJsonObject()))
                .containsKey("db.system.name"));
    }

    @Test
    void aFailingInventoryLeavesAnErrorLogWithTheFailingTracesId() throws Exception {
        services.setFaults("inventory", new FaultSettings(1.0, Duration.ZERO, Duration.ZERO, 0));
        HttpResponse<String> failed = send("GET", "/api/stock/SKU-77", null); // no other test asks for SKU-77
        assertThat(failed.statusCode()).isGreaterThanOrEqualTo(500);

        JsonObject trace = newestTrace("inventory", "GET /inventory/{sku}", "{\"url.path\":\"/inventory/SKU-77\"}",
                spans -> services(spans).size() >= 2);
        String traceId = trace.get("traceID").getAsString();
        JsonObject inventorySpan = only(trace, "inventory", "GET /inventory/{sku}");
        assertThat(tags(inventorySpan)).containsEntry("error", "true");
        JsonArray records = api.poll("/api/v1/logs/search?service=inventory&min_severity=ERROR&trace_id=" + traceId
                + "&start=0&end=4102444800", answer -> !records(answer).isEmpty()).getAsJsonObject()
                .getAsJsonObject("data").getAsJsonArray("records");
        JsonObject record = records.get(0).getAsJsonObject();
        assertThat(record.get("traceId").getAsString()).isEqualTo(traceId);
        assertThat(record.get("spanId").getAsString()).isEqualTo(inventorySpan.get("spanID").getAsString());
        assertThat(record.get("severityNumber").getAsInt()).isBetween(17, 20);
    }

    @Test
    @Order(1) // first: no earlier request of this class is still on its way into inventory's counters
    void anInjectedErrorRateAndLatencyAreWhatSightlineMeasures() throws Exception {
        String job = "sightline-demo/inventory";
        double[] before = countAndSum(job);
        String errorsQuery = "sum(http_server_request_duration_seconds_count{job=\"" + job + "\",http_response_status_code=\"500\"})";
        double errorsBefore = value(errorsQuery);
        services.setFaults("inventory", new FaultSettings(0.5, Duration.ofMillis(200), Duration.ZERO, 0));
        int requests = 40;
        int failed = 0;
        for (int i = 0; i < requests; i++) {
            if (send("GET", "/api/stock/SKU-" + (i + 1), null).statusCode() >= 500) {
                failed++;
            }
        }
        assertThat(failed).as("failures seen by the client").isBetween(requests / 5, requests * 4 / 5);
        double[] after = pollCountAndSum(job, before[0] + requests);
        assertThat(after[0] - before[0]).as("requests inventory served").isEqualTo(requests);
        double meanSeconds = (after[1] - before[1]) / (after[0] - before[0]);
        assertThat(meanSeconds).as("mean server duration with 200 ms added").isGreaterThanOrEqualTo(0.2);
        long errors = Math.round(value(errorsQuery) - errorsBefore);
        assertThat(errors).as("inventory's 500s counted in Sightline").isEqualTo(failed);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(services.frontendUri().resolve(path)).timeout(Duration.ofSeconds(30));
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The newest trace of {@code service} with an {@code operation} span that has the Jaeger
     * {@code tags} (JSON), once {@code complete} holds for it.
     */
    private static JsonObject newestTrace(String service, String operation, String tags, Predicate<JsonObject> complete)
            throws Exception {
        JsonElement answer = api.poll("/api/traces?service=" + service + "&operation=" + enc(operation) + "&tags=" + enc(tags)
                        + "&limit=1&start=0",
                found -> found.getAsJsonObject().getAsJsonArray("data").size() == 1
                        && complete.test(found.getAsJsonObject().getAsJsonArray("data").get(0).getAsJsonObject()));
        return answer.getAsJsonObject().getAsJsonArray("data").get(0).getAsJsonObject();
    }

    /** Whether every span's parent (its CHILD_OF reference) is a span of the trace. */
    private static boolean parentsPresent(JsonObject trace) {
        Set<String> ids = new HashSet<>();
        trace.getAsJsonArray("spans").forEach(span -> ids.add(span.getAsJsonObject().get("spanID").getAsString()));
        for (JsonElement span : trace.getAsJsonArray("spans")) {
            for (JsonElement reference : span.getAsJsonObject().getAsJsonArray("references")) {
                if (!ids.contains(reference.getAsJsonObject().get("spanID").getAsString())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Set<String> services(JsonObject trace) {
        Set<String> names = new HashSet<>();
        trace.getAsJsonObject("processes").entrySet()
                .forEach(process -> names.add(process.getValue().getAsJsonObject().get("serviceName").getAsString()));
        return names;
    }

    private static String service(JsonObject trace, JsonObject span) {
        return trace.getAsJsonObject("processes").getAsJsonObject(span.get("processID").getAsString())
                .get("serviceName").getAsString();
    }

    private static JsonObject only(JsonObject trace, String service, String operation) {
        List<JsonObject> matching = trace.getAsJsonArray("spans").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(span -> span.get("operationName").getAsString().equals(operation) && service(trace, span).equals(service))
                .toList();
        assertThat(matching).as("%s spans named %s", service, operation).hasSize(1);
        return matching.getFirst();
    }

    private static JsonObject parentOf(JsonObject span, Map<String, JsonObject> byId) {
        return byId.get(span.getAsJsonArray("references").get(0).getAsJsonObject().get("spanID").getAsString());
    }

    private static Map<String, String> tags(JsonObject span) {
        Map<String, String> tags = new HashMap<>();
        for (JsonElement tag : span.getAsJsonArray("tags")) {
            tags.put(tag.getAsJsonObject().get("key").getAsString(), tag.getAsJsonObject().get("value").getAsString());
        }
        return tags;
    }

    private static List<JsonElement> records(JsonElement answer) {
        return answer.getAsJsonObject().getAsJsonObject("data").getAsJsonArray("records").asList();
    }

    /** Inventory's server request count and duration sum (s), as Sightline has them now. */
    private static double[] countAndSum(String job) throws Exception {
        return new double[] {value("sum(http_server_request_duration_seconds_count{job=\"" + job + "\"})"),
                value("sum(http_server_request_duration_seconds_sum{job=\"" + job + "\"})")};
    }

    /** {@link #countAndSum} once the count reached {@code count} (the services export every 500 ms). */
    private static double[] pollCountAndSum(String job, double count) throws Exception {
        api.poll("/api/v1/query?query=" + enc("sum(http_server_request_duration_seconds_count{job=\"" + job + "\"})"),
                answer -> scalar(answer) >= count);
        return countAndSum(job);
    }

    private static double value(String promql) throws Exception {
        return scalar(api.json("/api/v1/query?query=" + enc(promql)));
    }

    /** The single sample of an instant vector answer, 0 when it is empty. */
    private static double scalar(JsonElement answer) {
        JsonArray result = answer.getAsJsonObject().getAsJsonObject("data").getAsJsonArray("result");
        return result.isEmpty() ? 0 : Double.parseDouble(result.get(0).getAsJsonObject().getAsJsonArray("value").get(1).getAsString());
    }
}
