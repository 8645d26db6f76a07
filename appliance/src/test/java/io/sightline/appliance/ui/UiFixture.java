package io.sightline.appliance.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.sightline.appliance.Sightline;
import io.sightline.appliance.load.HttpLoadRuns;
import io.sightline.sample.services.FaultSettings;
import io.sightline.sample.services.SampleServices;
import io.sightline.sample.services.SampleServicesConfig;

/**
 * What the UI tests look at: an embedded Sightline fed by the sample services (frontend → orders →
 * inventory, instrumented by the OpenTelemetry SDK) under a short burst of orders, some failing, plus
 * hostile text sent over OTLP/HTTP JSON: a service called {@link #HOSTILE_SERVICE}, a log body and
 * attributes that are markup. Span metrics are flushed every second so RED figures exist within
 * seconds. One per test class.
 */
final class UiFixture implements AutoCloseable {
    static final String HOSTILE_SERVICE = "<img src=x onerror=alert('service')>";
    static final String HOSTILE_BODY = "<script>alert(1)</script> order failed";
    static final String HOSTILE_ATTRIBUTE = "\"><svg onload=alert('attr')>";
    /** The trace id of the hostile log record and span. */
    static final String HOSTILE_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    final Sightline sightline;
    final SampleServices services;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final HttpLoadRuns loadRuns;

    UiFixture(Path dataDir) {
        this(dataDir, config -> { }, null);
    }

    /** @param settings further options (e.g. {@code rules.files}), set after the fixture's own */
    UiFixture(Path dataDir, Map<String, String> settings) {
        this(dataDir, config -> settings.forEach(config::set), null);
    }

    /**
     * @param options  more options for the embedded Sightline (e.g. a webhook URL for the status page)
     * @param loadRuns when not null, the load page's runs, aimed at the sample services as the demo does
     */
    UiFixture(Path dataDir, Consumer<Sightline.Config> options, HttpLoadRuns loadRuns) {
        Sightline.Config config = Sightline.config(dataDir).ephemeralPorts()
                .set("traces.refresh-interval", "100ms").set("logs.refresh-interval", "100ms")
                .set("traces.derived.flush-interval", "1s");
        options.accept(config);
        if (loadRuns != null) {
            config.loadControl(loadRuns);
        }
        this.loadRuns = loadRuns;
        sightline = Sightline.start(config);
        services = SampleServices.start(new SampleServicesConfig(sightline.otlpHttpEndpoint().toString(), "127.0.0.1",
                0, 0, 0, Duration.ofMillis(200), Map.of()));
        if (loadRuns != null) {
            loadRuns.target(services.frontendUri(), Optional.of(sightline.otlpHttpEndpoint()));
        }
    }

    String base() {
        String endpoint = sightline.httpEndpoint().toString();
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    /** Places orders and stock look-ups, a quarter of them failing in inventory, then sends the hostile records. */
    void generateTraffic(int requests) throws Exception {
        for (int i = 0; i < requests; i++) {
            services.setFaults("inventory", i % 4 == 3 ? new FaultSettings(1.0, Duration.ZERO, Duration.ZERO, 0)
                    : FaultSettings.none());
            if (i % 2 == 0) {
                send("POST", services.frontendUri().resolve("/api/orders"), "{\"sku\":\"SKU-" + (i % 5) + "\",\"quantity\":1}");
            } else {
                send("GET", services.frontendUri().resolve("/api/stock/SKU-" + (i % 5)), null);
            }
        }
        services.setFaults("inventory", FaultSettings.none());
        sendHostileRecords();
    }

    private void sendHostileRecords() throws Exception {
        long now = System.currentTimeMillis() * 1_000_000L;
        String resource = "{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":" + json(HOSTILE_SERVICE) + "}}]}";
        String logs = "{\"resourceLogs\":[{\"resource\":" + resource + ",\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\""
                + now + "\",\"severityNumber\":17,\"severityText\":\"ERROR\",\"body\":{\"stringValue\":" + json(HOSTILE_BODY)
                + "},\"traceId\":\"" + HOSTILE_TRACE_ID + "\",\"spanId\":\"00f067aa0ba902b7\",\"attributes\":[{\"key\":\"note\",\"value\":{\"stringValue\":"
                + json(HOSTILE_ATTRIBUTE) + "}}]}]}]}]}";
        String spans = "{\"resourceSpans\":[{\"resource\":" + resource + ",\"scopeSpans\":[{\"spans\":[{\"traceId\":\""
                + HOSTILE_TRACE_ID + "\",\"spanId\":\"00f067aa0ba902b7\",\"name\":" + json("GET <b>/x</b>")
                + ",\"kind\":2,\"startTimeUnixNano\":\"" + (now - 5_000_000) + "\",\"endTimeUnixNano\":\"" + now
                + "\",\"status\":{\"code\":2,\"message\":" + json(HOSTILE_BODY) + "},\"attributes\":[{\"key\":\"note\",\"value\":{\"stringValue\":"
                + json(HOSTILE_ATTRIBUTE) + "}}]}]}]}]}";
        URI otlp = URI.create(sightline.otlpHttpEndpoint().toString());
        assertThat(post(otlp.resolve("/v1/logs"), logs)).isEqualTo(200);
        assertThat(post(otlp.resolve("/v1/traces"), spans)).isEqualTo(200);
    }

    private int post(URI uri, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void send(String method, URI uri, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        request = body == null ? request.GET() : request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    /** GETs a path of the appliance's HTTP port. */
    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() {
        if (loadRuns != null) {
            loadRuns.close();
        }
        if (services != null) {
            services.close();
        }
        if (sightline != null) {
            sightline.close();
        }
    }
}
