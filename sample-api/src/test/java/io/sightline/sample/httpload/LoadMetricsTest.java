package io.sightline.sample.httpload;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run pushes its results to a test OTLP/HTTP receiver, read back with the OTLP proto classes. */
class LoadMetricsTest {

    private final TestShop shop = new TestShop();
    private final HttpServer receiver;
    private final List<ExportMetricsServiceRequest> received = new CopyOnWriteArrayList<>();

    LoadMetricsTest() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/metrics", this::receive);
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        shop.close();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            received.add(ExportMetricsServiceRequest.parseFrom(in.readAllBytes()));
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Test
    void theRunsRequestsArriveAsMetricsWithTheRunId() {
        List<HttpEndpoint> endpoints = List.of(HttpEndpoint.get("stock", "/api/stock/{sku}").withWeight(3),
                HttpEndpoint.get("boom", "/boom"));
        HttpLoadScenario scenario = new HttpLoadScenario(shop.uri(), endpoints, 2, 100, 100, Duration.ofSeconds(1),
                Duration.ZERO);
        URI otlp = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort());
        HttpLoadSummary summary;
        try (HttpLoad load = HttpLoad.start(scenario, HttpLoadReporting.none()
                .withMetrics(otlp, "run-42").withMetricsInterval(Duration.ofMillis(300)))) {
            summary = load.awaitCompletion();
        }
        // awaitCompletion flushed the last values before returning
        assertThat(received).isNotEmpty();
        ResourceMetrics last = received.getLast().getResourceMetrics(0);
        assertThat(attribute(last.getResource().getAttributesList(), "service.name")).isEqualTo("sightline-load");
        List<Metric> metrics = last.getScopeMetricsList().stream().flatMap(s -> s.getMetricsList().stream()).toList();
        assertThat(metrics).extracting(Metric::getName)
                .contains("load.requests", "load.request.duration", "load.users");

        Metric requests = metrics.stream().filter(m -> m.getName().equals("load.requests")).findFirst().orElseThrow();
        assertThat(requests.getSum().getIsMonotonic()).isTrue();
        List<NumberDataPoint> points = requests.getSum().getDataPointsList();
        assertThat(points).allSatisfy(p -> assertThat(attribute(p.getAttributesList(), "load.run.id")).isEqualTo("run-42"));
        assertThat(points.stream().mapToLong(NumberDataPoint::getAsInt).sum()).isEqualTo(summary.total().requests());
        NumberDataPoint boom = points.stream()
                .filter(p -> attribute(p.getAttributesList(), "load.endpoint").equals("boom")).findFirst().orElseThrow();
        assertThat(boom.getAsInt()).isEqualTo(summary.endpoints().get(1).requests());
        assertThat(attribute(boom.getAttributesList(), "error.type")).isEqualTo("500");
        assertThat(boom.getAttributesList()).anySatisfy(kv -> {
            assertThat(kv.getKey()).isEqualTo("http.response.status_code");
            assertThat(kv.getValue().getIntValue()).isEqualTo(500);
        });

        Metric duration = metrics.stream().filter(m -> m.getName().equals("load.request.duration")).findFirst().orElseThrow();
        assertThat(duration.getUnit()).isEqualTo("s");
        assertThat(duration.getHistogram().getDataPointsList()).allSatisfy(p -> {
            assertThat(p.getExplicitBoundsList()).startsWith(0.0005, 0.001);
            assertThat(p.getSum() / p.getCount()).isBetween(0.0, 1.0);
        });
        assertThat(duration.getHistogram().getDataPointsList().stream().mapToLong(p -> p.getCount()).sum())
                .isEqualTo(summary.total().requests());
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(kv -> kv.getValue().getStringValue())
                .findFirst().orElse("");
    }
}
