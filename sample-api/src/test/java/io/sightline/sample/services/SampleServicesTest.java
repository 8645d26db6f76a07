package io.sightline.sample.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.google.protobuf.ByteString;

import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three services over real HTTP, their telemetry sent by the SDK's real OTLP/HTTP exporters to
 * {@link OtlpCollector}. One set of services for the class; each test finds its own requests by
 * trace id, and faults are reset after each test.
 */
class SampleServicesTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static OtlpCollector collector;
    private static SampleServices services;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        collector = new OtlpCollector();
        services = SampleServices.start(SampleServicesConfig.defaults(collector.endpoint())
                .withPorts(0, 0, 0)
                .withExportInterval(Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @AfterEach
    void noFaults() {
        for (String service : SampleServicesConfig.SERVICE_NAMES) {
            services.setFaults(service, FaultSettings.none());
        }
    }

    @Test
    void oneOrderIsOneTraceAcrossTheThreeServices() throws Exception {
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);
        HttpResponse<String> created = send("POST", services.frontendUri().resolve("/api/orders"),
                "{\"sku\":\"SKU-7\",\"quantity\":2}", "00-" + traceId + "-" + callerSpanId + "-01");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"sku\":\"SKU-7\"", "\"quantity\":2", "\"status\":\"reserved\"");
        String orderId = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        assertThat(get(services.frontendUri().resolve("/api/orders/" + orderId)).body()).contains(orderId, "SKU-7");
        assertThat(get(services.frontendUri().resolve("/api/orders/ord-nope")).statusCode()).isEqualTo(404);

        List<OtlpCollector.ReceivedSpan> trace = awaitSpans(traceId, 6);
        Map<String, OtlpCollector.ReceivedSpan> byName = trace.stream().collect(Collectors.toMap(
                s -> s.service() + " " + s.span().getKind() + " " + s.span().getName(), s -> s));
        assertThat(byName).containsOnlyKeys(
                "frontend SPAN_KIND_SERVER POST /api/orders",
                "frontend SPAN_KIND_CLIENT POST /orders",
                "orders SPAN_KIND_SERVER POST /orders",
                "orders SPAN_KIND_CLIENT POST /inventory/reserve",
                "inventory SPAN_KIND_SERVER POST /inventory/reserve",
                "inventory SPAN_KIND_CLIENT UPDATE stock");
        Span root = byName.get("frontend SPAN_KIND_SERVER POST /api/orders").span();
        // W3C propagation from the caller: the gateway's span continues the caller's trace.
        assertThat(hex(root.getParentSpanId())).isEqualTo(callerSpanId);
        assertParent(byName, "frontend SPAN_KIND_CLIENT POST /orders", "frontend SPAN_KIND_SERVER POST /api/orders");
        assertParent(byName, "orders SPAN_KIND_SERVER POST /orders", "frontend SPAN_KIND_CLIENT POST /orders");
        assertParent(byName, "orders SPAN_KIND_CLIENT POST /inventory/reserve", "orders SPAN_KIND_SERVER POST /orders");
        assertParent(byName, "inventory SPAN_KIND_SERVER POST /inventory/reserve", "orders SPAN_KIND_CLIENT POST /inventory/reserve");
        assertParent(byName, "inventory SPAN_KIND_CLIENT UPDATE stock", "inventory SPAN_KIND_SERVER POST /inventory/reserve");

        assertThat(attr(root, "http.request.method")).isEqualTo("POST");
        assertThat(attr(root, "http.route")).isEqualTo("/api/orders");
        assertThat(attr(root, "url.path")).isEqualTo("/api/orders");
        assertThat(attr(root, "http.response.status_code")).isEqualTo("201");
        assertThat(attr(root, "url.scheme")).isEqualTo("http");
        assertThat(attr(root, "server.port")).isEqualTo(Integer.toString(services.frontendUri().getPort()));
        assertThat(attr(root, "server.address")).isNotEmpty();
        Span client = byName.get("orders SPAN_KIND_CLIENT POST /inventory/reserve").span();
        assertThat(attr(client, "url.full")).isEqualTo(services.inventoryUri().resolve("/inventory/reserve").toString());
        assertThat(attr(client, "http.response.status_code")).isEqualTo("200");
        assertThat(attr(client, "server.port")).isEqualTo(Integer.toString(services.inventoryUri().getPort()));
        Span db = byName.get("inventory SPAN_KIND_CLIENT UPDATE stock").span();
        assertThat(attr(db, "db.system.name")).isEqualTo("postgresql");
        assertThat(attr(db, "db.operation.name")).isEqualTo("UPDATE");
        assertThat(attr(db, "db.collection.name")).isEqualTo("stock");
        assertThat(attr(db, "db.query.text")).startsWith("UPDATE stock");
        assertThat(trace).allSatisfy(s -> assertThat(s.span().getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR));

        // One INFO record per request, in its server span.
        poll("an INFO record for each service's server span", () -> SampleServicesConfig.SERVICE_NAMES.stream().allMatch(service ->
                collector.logs().stream().anyMatch(l -> l.service().equals(service)
                        && hex(l.log().getTraceId()).equals(traceId)
                        && l.log().getSeverityNumber() == SeverityNumber.SEVERITY_NUMBER_INFO
                        && trace.stream().anyMatch(s -> s.service().equals(service)
                        && s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER
                        && s.span().getSpanId().equals(l.log().getSpanId())))));
    }

    @Test
    void stockReadsHitTheCacheAfterADatabaseMiss() throws Exception {
        String sku = "SKU-" + (50 + ThreadLocalRandom.current().nextInt(50));
        String traceId = randomHex(16);
        HttpResponse<String> first = send("GET", services.frontendUri().resolve("/api/stock/" + sku), null,
                "00-" + traceId + "-" + randomHex(8) + "-01");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"sku\":\"" + sku + "\"", "\"source\":\"database\"");
        assertThat(get(services.frontendUri().resolve("/api/stock/" + sku)).body()).contains("\"source\":\"cache\"");
        assertThat(get(services.frontendUri().resolve("/api/stock/NOPE-1")).statusCode()).isEqualTo(404);

        List<String> names = awaitSpans(traceId, 5).stream().map(s -> s.service() + " " + s.span().getName()).toList();
        assertThat(names).containsExactlyInAnyOrder("frontend GET /api/stock/{sku}", "frontend GET /inventory/{sku}",
                "inventory GET /inventory/{sku}", "inventory cache get stock", "inventory SELECT stock");
    }

    @Test
    void redMetricsArriveWithSemanticConventionNames() throws Exception {
        assertThat(send("POST", services.frontendUri().resolve("/api/orders"), "{\"sku\":\"SKU-3\",\"quantity\":1}", null)
                .statusCode()).isEqualTo(201);
        assertThat(get(services.frontendUri().resolve("/api/stock/SKU-4")).statusCode()).isEqualTo(200);
        poll("the services' metrics", () -> {
            Set<String> names = collector.metrics().stream().map(m -> m.service() + " " + m.metric().getName())
                    .collect(Collectors.toSet());
            return names.containsAll(List.of("frontend http.server.request.duration", "orders http.server.request.duration",
                    "inventory http.server.request.duration", "frontend http.client.request.duration",
                    "orders http.client.request.duration", "inventory db.client.operation.duration",
                    "inventory cache.lookups"));
        });
        // Cumulative temporality: once the order is recorded, every later export carries its point.
        poll("frontend's point for POST /api/orders", () -> ordersPoint() != null);
        var server = collector.metrics().stream()
                .filter(m -> m.service().equals("frontend") && m.metric().getName().equals("http.server.request.duration"))
                .reduce((a, b) -> b).orElseThrow().metric();
        assertThat(server.getUnit()).isEqualTo("s");
        HistogramDataPoint point = ordersPoint();
        assertThat(point.getExplicitBoundsList()).containsExactlyElementsOf(HttpInstruments.HTTP_DURATION_BUCKETS);
        assertThat(attr(point.getAttributesList(), "http.request.method")).isEqualTo("POST");
        assertThat(attr(point.getAttributesList(), "http.response.status_code")).isEqualTo("201");
        assertThat(attr(point.getAttributesList(), "error.type")).isEmpty();
        assertThat(point.getCount()).isPositive();
        assertThat(point.getSum()).isPositive();
    }

    @Test
    void anInventoryErrorRateOfOneFailsTheGatewayAndLogsTheError() throws Exception {
        services.setFaults("inventory", FaultSettings.none().withErrorRate(1.0));
        assertThat(services.faults("inventory").errorRate()).isEqualTo(1.0);
        String traceId = randomHex(16);
        HttpResponse<String> failed = send("POST", services.frontendUri().resolve("/api/orders"),
                "{\"sku\":\"SKU-1\",\"quantity\":1}", "00-" + traceId + "-" + randomHex(8) + "-01");
        assertThat(failed.statusCode()).isEqualTo(500);
        for (int i = 0; i < 10; i++) {
            assertThat(get(services.frontendUri().resolve("/api/stock/SKU-2")).statusCode()).isEqualTo(500);
        }

        List<OtlpCollector.ReceivedSpan> trace = awaitSpans(traceId, 5);
        Span failing = trace.stream().filter(s -> s.service().equals("inventory")).findFirst().orElseThrow().span();
        assertThat(failing.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(failing.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(attr(failing, "http.response.status_code")).isEqualTo("500");
        assertThat(attr(failing, "error.type")).isEqualTo(InjectedFaultException.class.getName());
        Span gateway = trace.stream().filter(s -> s.service().equals("frontend")
                && s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow().span();
        assertThat(gateway.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(attr(gateway, "error.type")).isEqualTo(DependencyException.class.getName());

        poll("an ERROR record in the failing span", () -> collector.logs().stream().anyMatch(l ->
                l.service().equals("inventory")
                        && l.log().getSeverityNumber() == SeverityNumber.SEVERITY_NUMBER_ERROR
                        && l.log().getTraceId().equals(failing.getTraceId())
                        && l.log().getSpanId().equals(failing.getSpanId())
                        && attr(l.log().getAttributesList(), "exception.type").equals(InjectedFaultException.class.getName())
                        && !attr(l.log().getAttributesList(), "exception.message").isEmpty()));
    }

    @Test
    void closeSendsWhatWasRecordedBeforeIt() throws Exception {
        // An export interval far beyond the test: only close() can have sent these.
        try (OtlpCollector own = new OtlpCollector()) {
            SampleServices quiet = SampleServices.start(SampleServicesConfig.defaults(own.endpoint())
                    .withPorts(0, 0, 0).withExportInterval(Duration.ofMinutes(10)));
            HttpResponse<String> created;
            try {
                created = send("POST", quiet.frontendUri().resolve("/api/orders"), "{\"sku\":\"SKU-2\",\"quantity\":3}", null);
            } finally {
                quiet.close();
            }
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(own.spans()).hasSize(6);
            assertThat(own.logs()).hasSize(3);
            assertThat(own.metrics()).extracting(m -> m.metric().getName())
                    .contains("http.server.request.duration", "http.client.request.duration", "db.client.operation.duration");
        }
    }

    @Test
    void withoutFaultsNoRequestFails() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(get(services.frontendUri().resolve("/api/stock/SKU-" + (1 + i % 5))).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void addedLatencyThroughTheAdminEndpointSlowsEveryRequest() throws Exception {
        URI stock = services.frontendUri().resolve("/api/stock/SKU-9");
        List<Long> before = latenciesMillis(stock, 10);

        HttpResponse<String> put = send("PUT", services.frontendUri().resolve("/admin/faults"), "{\"addedLatency\":\"200ms\"}", null);
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).contains("\"addedLatency\":\"200ms\"", "\"errorRate\":0.0");
        assertThat(services.faults("frontend").addedLatency()).isEqualTo(Duration.ofMillis(200));
        assertThat(get(services.frontendUri().resolve("/admin/faults")).body()).contains("\"addedLatency\":\"200ms\"");

        List<Long> after = latenciesMillis(stock, 10);
        assertThat(after).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(200));
        assertThat(median(after) - median(before)).isGreaterThanOrEqualTo(180);
    }

    @Test
    void theAdminEndpointNamesABadField() throws Exception {
        HttpResponse<String> bad = send("PUT", services.inventoryUri().resolve("/admin/faults"), "{\"errorRate\":1.5}", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("errorRate");
        assertThat(services.faults("inventory")).isEqualTo(FaultSettings.none());
        assertThat(get(services.ordersUri().resolve("/healthz")).body()).contains("\"service\":\"orders\"");
        assertThatThrownBy(() -> services.setFaults("payments", FaultSettings.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frontend, orders, inventory");
    }

    @Test
    void aFailingDependencyFailsTheCallBeforeItLeaves() throws Exception {
        services.setFaults("orders", FaultSettings.none().withDependencyErrorRate(1.0));
        String traceId = randomHex(16);
        assertThat(send("POST", services.frontendUri().resolve("/api/orders"), "{\"sku\":\"SKU-5\",\"quantity\":1}",
                "00-" + traceId + "-" + randomHex(8) + "-01").statusCode()).isEqualTo(500);
        List<OtlpCollector.ReceivedSpan> trace = awaitSpans(traceId, 4);
        assertThat(trace).noneMatch(s -> s.service().equals("inventory"));
        Span call = trace.stream().filter(s -> s.service().equals("orders")
                && s.span().getKind() == Span.SpanKind.SPAN_KIND_CLIENT).findFirst().orElseThrow().span();
        assertThat(attr(call, "error.type")).isEqualTo(InjectedFaultException.class.getName());
        assertThat(call.getEventsList()).anyMatch(e -> e.getName().equals("exception"));
    }

    @Test
    void aSlowDatabaseSlowsItsSpans() throws Exception {
        services.setFaults("inventory", FaultSettings.none().withDependencyLatency(Duration.ofMillis(150)));
        String traceId = randomHex(16);
        assertThat(send("POST", services.frontendUri().resolve("/api/orders"), "{\"sku\":\"SKU-6\",\"quantity\":1}",
                "00-" + traceId + "-" + randomHex(8) + "-01").statusCode()).isEqualTo(201);
        Span db = awaitSpans(traceId, 6).stream().filter(s -> s.span().getName().equals("UPDATE stock"))
                .findFirst().orElseThrow().span();
        assertThat(db.getEndTimeUnixNano() - db.getStartTimeUnixNano()).isGreaterThanOrEqualTo(150_000_000L);
    }

    /** The gateway's histogram point for POST /api/orders answered 201, or null before it arrives. */
    private static HistogramDataPoint ordersPoint() {
        return collector.metrics().stream()
                .filter(m -> m.service().equals("frontend") && m.metric().getName().equals("http.server.request.duration"))
                .flatMap(m -> m.metric().getHistogram().getDataPointsList().stream())
                .filter(p -> attr(p.getAttributesList(), "http.route").equals("/api/orders")
                        && attr(p.getAttributesList(), "http.response.status_code").equals("201"))
                .reduce((a, b) -> b).orElse(null);
    }

    private static List<OtlpCollector.ReceivedSpan> awaitSpans(String traceId, int count) {
        poll(count + " spans of trace " + traceId, () -> spansOf(traceId).size() >= count);
        return spansOf(traceId);
    }

    private static List<OtlpCollector.ReceivedSpan> spansOf(String traceId) {
        return collector.spans().stream().filter(s -> hex(s.span().getTraceId()).equals(traceId)).toList();
    }

    private static void assertParent(Map<String, OtlpCollector.ReceivedSpan> byName, String child, String parent) {
        assertThat(byName.get(child).span().getParentSpanId()).as(child + " is a child of " + parent)
                .isEqualTo(byName.get(parent).span().getSpanId());
    }

    private static void poll(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not received within " + DEADLINE + ": " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
    }

    private static List<Long> latenciesMillis(URI uri, int count) throws Exception {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            assertThat(get(uri).statusCode()).isEqualTo(200);
            out.add((System.nanoTime() - start) / 1_000_000);
        }
        return out;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return send("GET", uri, null, null);
    }

    private static HttpResponse<String> send(String method, URI uri, String json, String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String attr(Span span, String key) {
        return OtlpCollector.attribute(span.getAttributesList(), key);
    }

    private static String attr(List<io.opentelemetry.proto.common.v1.KeyValue> attributes, String key) {
        return OtlpCollector.attribute(attributes, key);
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros, which W3C forbids
        return HexFormat.of().formatHex(b);
    }
}
