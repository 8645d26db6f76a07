package io.sightline.appliance.traces;

import static io.sightline.appliance.traces.TraceClient.enc;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.sightline.appliance.Appliance;
import io.sightline.appliance.ApplianceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spans with known durations, sent by the OpenTelemetry SDK to a running appliance whose derived
 * metrics flush every second, come back as span metrics and service-graph series through the
 * Prometheus API (counts, exact bucket counts, exemplars with the trace ids) and as Jaeger's
 * dependency links. Every expectation is worked out by hand below from these calls:
 *
 * <pre>
 * trace  frontend CLIENT POST /orders   orders SERVER POST /orders   orders CLIENT GET /stock   inventory SERVER GET /stock
 *   0          30 ms                         25 ms                      3 ms                       1.5 ms
 *   1         250 ms                        120 ms                    110 ms                     100 ms (a bucket bound)
 *   2         900 ms ERROR                  650 ms ERROR                 -                          -
 * </pre>
 */
class DerivedTraceMetricsIT {
    private static final double[] CLIENT_MS = {30, 250, 900};
    private static final double[] SERVER_MS = {25, 120, 650};
    private static final double[] STOCK_CLIENT_MS = {3, 110};
    private static final double[] STOCK_SERVER_MS = {1.5, 100};

    @TempDir
    Path dataDir;

    private Appliance appliance;
    private TraceClient client;
    private final List<String> traceIds = new ArrayList<>();
    private final Set<String> inventorySpanIds = new java.util.HashSet<>();

    @BeforeEach
    void start() {
        appliance = Appliance.start(ApplianceConfig.of(Map.of("data-dir", dataDir.toString(), "http-port", "0",
                "otlp-grpc-port", "0", "otlp-http-port", "0", "traces.refresh-interval", "100ms",
                "traces.derived.flush-interval", "1s", "traces.service-graph.wait", "5s")));
        client = new TraceClient(appliance.httpPort());
    }

    @AfterEach
    void stop() {
        appliance.close();
    }

    @Test
    void spanMetricsServiceGraphExemplarsAndDependencies() throws Exception {
        sendCalls();

        // Span metrics: one series per (service, span name, kind, status); job from the namespace, instance from the id.
        assertVector("traces_span_metrics_calls_total", Map.of(
                "shop/frontend POST /orders SPAN_KIND_CLIENT STATUS_CODE_UNSET -", "2",
                "shop/frontend POST /orders SPAN_KIND_CLIENT STATUS_CODE_ERROR -", "1",
                "orders POST /orders SPAN_KIND_SERVER STATUS_CODE_UNSET orders-1", "2",
                "orders POST /orders SPAN_KIND_SERVER STATUS_CODE_ERROR orders-1", "1",
                "orders GET /stock SPAN_KIND_CLIENT STATUS_CODE_UNSET orders-1", "2",
                "inventory GET /stock SPAN_KIND_SERVER STATUS_CODE_UNSET -", "2"),
                "job", "span_name", "span_kind", "status_code", "instance");
        // The connector's bounds (le inclusive): 1.5 ms <= 0.002; 100 ms <= 0.1.
        assertBuckets("traces_span_metrics_duration_seconds_bucket{service_name=\"inventory\"}",
                counts(0.002, 1, 0.004, 1, 0.006, 1, 0.008, 1, 0.01, 1, 0.05, 1, 0.1, 2, 0.2, 2, 0.4, 2, 0.8, 2, 1, 2, 1.4, 2,
                        2, 2, 5, 2, 10, 2, 15, 2), 2);
        // 3 ms <= 0.004; 110 ms <= 0.2.
        assertBuckets("traces_span_metrics_duration_seconds_bucket{service_name=\"orders\",span_kind=\"SPAN_KIND_CLIENT\"}",
                counts(0.002, 0, 0.004, 1, 0.006, 1, 0.008, 1, 0.01, 1, 0.05, 1, 0.1, 1, 0.2, 2, 0.4, 2, 0.8, 2, 1, 2, 1.4, 2,
                        2, 2, 5, 2, 10, 2, 15, 2), 2);
        // Not failed: 30 ms <= 0.05, 250 ms <= 0.4; failed: 900 ms <= 1.
        assertBuckets("traces_span_metrics_duration_seconds_bucket{service_name=\"frontend\",status_code=\"STATUS_CODE_UNSET\"}",
                counts(0.002, 0, 0.004, 0, 0.006, 0, 0.008, 0, 0.01, 0, 0.05, 1, 0.1, 1, 0.2, 1, 0.4, 2, 0.8, 2, 1, 2, 1.4, 2,
                        2, 2, 5, 2, 10, 2, 15, 2), 2);
        assertBuckets("traces_span_metrics_duration_seconds_bucket{service_name=\"frontend\",status_code=\"STATUS_CODE_ERROR\"}",
                counts(0.002, 0, 0.004, 0, 0.006, 0, 0.008, 0, 0.01, 0, 0.05, 0, 0.1, 0, 0.2, 0, 0.4, 0, 0.8, 0, 1, 1, 1.4, 1,
                        2, 1, 5, 1, 10, 1, 15, 1), 1);

        // Service graph: three frontend->orders calls, one failed (both halves ERROR), two orders->inventory.
        assertVector("traces_service_graph_request_total", Map.of("frontend orders", "3", "orders inventory", "2"),
                "client", "server");
        assertVector("traces_service_graph_request_failed_total", Map.of("frontend orders", "1"), "client", "server");
        // Tempo's bounds 0.1, 0.2, 0.4, 0.8, 1.6, ...: server halves 25, 120, 650 ms; client halves 30, 250, 900 ms.
        assertBuckets("traces_service_graph_request_server_seconds_bucket{client=\"frontend\",server=\"orders\"}",
                counts(0.1, 1, 0.2, 2, 0.4, 2, 0.8, 3, 1.6, 3, 3.2, 3, 6.4, 3, 12.8, 3), 3);
        assertBuckets("traces_service_graph_request_client_seconds_bucket{client=\"frontend\",server=\"orders\"}",
                counts(0.1, 1, 0.2, 1, 0.4, 2, 0.8, 2, 1.6, 3, 3.2, 3, 6.4, 3, 12.8, 3), 3);
        // orders->inventory: server 1.5 ms and exactly 100 ms (both <= 0.1), client 3 ms and 110 ms.
        assertBuckets("traces_service_graph_request_server_seconds_bucket{client=\"orders\",server=\"inventory\"}",
                counts(0.1, 2, 0.2, 2, 0.4, 2, 0.8, 2, 1.6, 2, 3.2, 2, 6.4, 2, 12.8, 2), 2);
        assertBuckets("traces_service_graph_request_client_seconds_bucket{client=\"orders\",server=\"inventory\"}",
                counts(0.1, 1, 0.2, 2, 0.4, 2, 0.8, 2, 1.6, 2, 3.2, 2, 6.4, 2, 12.8, 2), 2);

        // Exemplars point at the traces (and spans) counted.
        Map<String, String> spanExemplars = exemplars("traces_span_metrics_calls_total{service_name=\"inventory\"}");
        assertThat(spanExemplars).isNotEmpty();
        spanExemplars.forEach((trace, span) -> {
            assertThat(trace).isIn(traceIds.subList(0, 2));
            assertThat(span).isIn(inventorySpanIds);
        });
        // Tempo puts edge exemplars on the duration histograms, not on the counters.
        Map<String, String> edgeExemplars = exemplars("traces_service_graph_request_server_seconds_bucket{client=\"frontend\"}");
        assertThat(edgeExemplars).isNotEmpty();
        assertThat(traceIds).containsAll(edgeExemplars.keySet());
        Map<String, String> bucketExemplars = exemplars(
                "traces_span_metrics_duration_seconds_bucket{service_name=\"frontend\",status_code=\"STATUS_CODE_ERROR\"}");
        assertThat(bucketExemplars).containsOnlyKeys(traceIds.get(2));

        // Jaeger's dependencies: exact call counts from the service-graph counters.
        long now = System.currentTimeMillis();
        Map<String, Long> expected = Map.of("frontend->orders", 3L, "orders->inventory", 2L);
        client.poll("/api/dependencies?endTs=" + now + "&lookback=600000", answer -> links(answer).equals(expected));
        JsonElement inventoryOnly = client.json("/api/dependencies?endTs=" + now + "&lookback=600000&service=inventory");
        assertThat(inventoryOnly.getAsJsonObject().getAsJsonArray("data").toString())
                .isEqualTo("[{\"parent\":\"orders\",\"child\":\"inventory\",\"callCount\":2}]");
        // A window ending before any call was counted has no links.
        assertThat(client.json("/api/dependencies?endTs=" + (now - 3_600_000) + "&lookback=600000").getAsJsonObject()
                .getAsJsonArray("data")).isEmpty();
    }

    @Test
    void countsCarryOnAcrossARestart() throws Exception {
        sendCalls();
        assertVector("traces_service_graph_request_total", Map.of("frontend orders", "3", "orders inventory", "2"),
                "client", "server");
        appliance.close();
        appliance = Appliance.start(ApplianceConfig.of(Map.of("data-dir", dataDir.toString(), "http-port", "0",
                "otlp-grpc-port", "0", "otlp-http-port", "0", "traces.refresh-interval", "100ms",
                "traces.derived.flush-interval", "1s", "traces.service-graph.wait", "5s")));
        client = new TraceClient(appliance.httpPort());
        // The stored spans survive; the in-memory counters start again from zero (a counter reset) and
        // must not count the spans applied before the restart a second time.
        assertThat(client.json("/api/traces/" + traceIds.get(0)).getAsJsonObject().getAsJsonArray("data")).hasSize(1);
        traceIds.clear();
        sendCalls();
        // Old series at 3 and 2, then new ones counting from 0 up to 3 and 2 again: six and four calls.
        // The window ends a minute ahead, so that flushes after this line fall inside it.
        long now = System.currentTimeMillis() + 60_000;
        Map<String, Long> expected = Map.of("frontend->orders", 6L, "orders->inventory", 4L);
        client.poll("/api/dependencies?endTs=" + now + "&lookback=600000", answer -> links(answer).equals(expected));
    }

    /** Jaeger's dependency links as "parent->child" to call count. */
    private static Map<String, Long> links(JsonElement answer) {
        Map<String, Long> calls = new TreeMap<>();
        answer.getAsJsonObject().getAsJsonArray("data").forEach(l -> calls.put(
                l.getAsJsonObject().get("parent").getAsString() + "->" + l.getAsJsonObject().get("child").getAsString(),
                l.getAsJsonObject().get("callCount").getAsLong()));
        return calls;
    }

    /** The table in the class comment, sent by three SDK "processes" with W3C propagation between them. */
    private void sendCalls() {
        long base = (System.currentTimeMillis() - 20_000) * 1_000_000L;
        try (SdkTracerProvider frontend = provider(Attributes.of(AttributeKey.stringKey("service.name"), "frontend",
                     AttributeKey.stringKey("service.namespace"), "shop"),
                     OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + appliance.otlpGrpcPort()).build());
             SdkTracerProvider orders = provider(Attributes.of(AttributeKey.stringKey("service.name"), "orders",
                     AttributeKey.stringKey("service.instance.id"), "orders-1"), httpExporter());
             SdkTracerProvider inventory = provider(Attributes.of(AttributeKey.stringKey("service.name"), "inventory"),
                     httpExporter())) {
            Tracer front = frontend.get("it");
            Tracer ord = orders.get("it");
            Tracer inv = inventory.get("it");
            for (int i = 0; i < CLIENT_MS.length; i++) {
                long start = base + i * 1_000_000_000L;
                boolean fails = i == 2;
                Span call = front.spanBuilder("POST /orders").setNoParent().setSpanKind(SpanKind.CLIENT)
                        .setStartTimestamp(start, NANOSECONDS).startSpan();
                traceIds.add(call.getSpanContext().getTraceId());
                Span served = ord.spanBuilder("POST /orders").setParent(acrossHttp(call)).setSpanKind(SpanKind.SERVER)
                        .setStartTimestamp(start + nanos(2), NANOSECONDS).startSpan();
                if (i < STOCK_CLIENT_MS.length) {
                    Span stockCall = ord.spanBuilder("GET /stock").setParent(Context.root().with(served))
                            .setSpanKind(SpanKind.CLIENT).setStartTimestamp(start + nanos(5), NANOSECONDS).startSpan();
                    Span stock = inv.spanBuilder("GET /stock").setParent(acrossHttp(stockCall)).setSpanKind(SpanKind.SERVER)
                            .setStartTimestamp(start + nanos(6), NANOSECONDS).startSpan();
                    inventorySpanIds.add(stock.getSpanContext().getSpanId());
                    stock.end(start + nanos(6 + STOCK_SERVER_MS[i]), NANOSECONDS);
                    stockCall.end(start + nanos(5 + STOCK_CLIENT_MS[i]), NANOSECONDS);
                }
                if (fails) {
                    served.setStatus(StatusCode.ERROR, "payment declined");
                    call.setStatus(StatusCode.ERROR);
                }
                served.end(start + nanos(2 + SERVER_MS[i]), NANOSECONDS);
                call.end(start + nanos(CLIENT_MS[i]), NANOSECONDS);
            }
            for (SdkTracerProvider provider : List.of(frontend, orders, inventory)) {
                assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as("export delivered").isTrue();
            }
        }
    }

    private SpanExporter httpExporter() {
        return OtlpHttpSpanExporter.builder().setEndpoint("http://127.0.0.1:" + appliance.otlpHttpPort() + "/v1/traces").build();
    }

    private static SdkTracerProvider provider(Attributes resource, SpanExporter exporter) {
        return SdkTracerProvider.builder().setResource(Resource.create(resource))
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    }

    private static long nanos(double millis) {
        return Math.round(millis * 1_000_000);
    }

    private static Context acrossHttp(Span clientSpan) {
        Map<String, String> headers = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(clientSpan), headers, Map::put);
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(Map<String, String> carrier) {
                return carrier.keySet();
            }

            @Override
            public String get(Map<String, String> carrier, String key) {
                return carrier == null ? null : carrier.get(key);
            }
        });
    }

    /** Polls an instant query until its series, keyed by {@code labels} ("-" when absent), hold exactly {@code expected}. */
    private void assertVector(String promql, Map<String, String> expected, String... labels) throws Exception {
        client.poll("/api/v1/query?query=" + enc(promql), answer -> vector(answer, labels).equals(expected));
    }

    /** Polls a bucket selector until its series hold {@code expected} by {@code le}, {@code +Inf} = {@code total}. */
    private void assertBuckets(String selector, Map<String, String> expected, int total) throws Exception {
        Map<String, String> withInf = new LinkedHashMap<>(expected);
        withInf.put("+Inf", Integer.toString(total));
        assertVector(selector, withInf, "le");
    }

    private static Map<String, String> vector(JsonElement answer, String... labels) {
        Map<String, String> values = new HashMap<>();
        for (JsonElement series : answer.getAsJsonObject().getAsJsonObject("data").getAsJsonArray("result")) {
            JsonObject metric = series.getAsJsonObject().getAsJsonObject("metric");
            List<String> key = new ArrayList<>();
            for (String label : labels) {
                key.add(metric.has(label) ? metric.get(label).getAsString() : "-");
            }
            values.put(String.join(" ", key), series.getAsJsonObject().getAsJsonArray("value").get(1).getAsString());
        }
        return values;
    }

    /** Bounds and cumulative counts alternating, as the API prints {@code le}. */
    private static Map<String, String> counts(double... boundsAndCounts) {
        Map<String, String> counts = new LinkedHashMap<>();
        for (int i = 0; i < boundsAndCounts.length; i += 2) {
            double bound = boundsAndCounts[i];
            counts.put(bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound),
                    Long.toString((long) boundsAndCounts[i + 1]));
        }
        return counts;
    }

    /** trace_id -> span_id of every exemplar of {@code selector} in the last hour. */
    private Map<String, String> exemplars(String selector) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        JsonElement answer = client.json("/api/v1/query_exemplars?query=" + enc(selector) + "&start=" + (now - 3600)
                + "&end=" + (now + 60));
        Map<String, String> found = new HashMap<>();
        for (JsonElement series : answer.getAsJsonObject().getAsJsonArray("data")) {
            for (JsonElement exemplar : series.getAsJsonObject().getAsJsonArray("exemplars")) {
                JsonObject labels = exemplar.getAsJsonObject().getAsJsonObject("labels");
                found.put(labels.get("trace_id").getAsString(), labels.has("span_id") ? labels.get("span_id").getAsString() : "");
            }
        }
        return found;
    }
}
