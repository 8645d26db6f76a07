package io.sightline.query.api.jaeger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.helidon.webserver.WebServer;
import io.sightline.query.api.prometheus.PrometheusApi;
import io.sightline.query.traces.DependencySource;
import io.sightline.query.traces.InMemoryTraceQuerier;

/**
 * {@link JaegerApi} at {@code /api} on a Helidon server on a free port, over an in-test trace store
 * and a dependency source that answers {@link #links} and records its arguments. An API-layer test
 * harness: the integrator's tests run the real store. "Now" is {@link #NOW_MILLIS}.
 */
final class JaegerApiServer implements AutoCloseable {
    static final long NOW_MILLIS = 1_700_000_000_000L;

    final InMemoryTraceQuerier store = new InMemoryTraceQuerier();
    final RecordingDependencies dependencies = new RecordingDependencies();
    private final WebServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    JaegerApiServer() {
        InstantSource clock = InstantSource.fixed(Instant.ofEpochMilli(NOW_MILLIS));
        JaegerApi api = new JaegerApi(store, dependencies, JaegerApiConfig.defaults(), clock);
        server = WebServer.builder().host("127.0.0.1").port(0)
                .addProtocol(PrometheusApi.http1Config())
                .routing(r -> r.register("/api", api))
                .build().start();
    }

    Reply get(String pathAndQuery) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    record Reply(int status, String contentType, String body) {
    }

    static final class RecordingDependencies implements DependencySource {
        volatile List<DependencyLink> links = List.of();
        final List<List<Object>> calls = new CopyOnWriteArrayList<>();

        @Override
        public List<DependencyLink> dependencies(long endMillis, Duration lookback) {
            calls.add(List.of(endMillis, lookback));
            return links;
        }
    }
}
