package io.sightline.query.api.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.LongSupplier;

import io.helidon.webserver.WebServer;
import io.sightline.query.promql.EngineConfig;
import io.sightline.storage.tsdb.Exemplar;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.Sample;
import io.sightline.storage.tsdb.Tsdb;
import io.sightline.storage.tsdb.TsdbConfig;

/**
 * A real TSDB in a temporary folder with a fixed data set, served by {@link PrometheusApi} at
 * {@code /api/v1} on a Helidon server on a free port, and a {@link HttpClient} to ask it.
 *
 * <p>Data, every 15 s from {@link #T0} for 10 minutes (41 samples): {@code up{instance="a:1",job="api"}}
 * = 1, {@code up{instance="b:1",job="db"}} = 0, {@code http_requests_total{code="200",job="api"}} =
 * 10 × i; {@code gone{job="x"}} = 5 at T0 and a stale marker at T0 + 15 s. One exemplar on the
 * request counter at T0 + 60 s, and its metadata. "Now" is {@link #NOW}, T0 + 10 min.
 */
final class PromApiServer implements AutoCloseable {
    /** 2023-11-14T22:13:20Z. */
    static final long T0 = 1_700_000_000_000L;
    static final long NOW = T0 + 600_000;

    final Tsdb tsdb;
    private final WebServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    PromApiServer(Path dir) {
        this(dir, EngineConfig.defaults(), PrometheusApiConfig.defaults());
    }

    PromApiServer(Path dir, EngineConfig engineConfig, PrometheusApiConfig config) {
        this(dir, engineConfig, config, System::nanoTime);
    }

    PromApiServer(Path dir, EngineConfig engineConfig, PrometheusApiConfig config, LongSupplier nanoClock) {
        this(dir, engineConfig, config, nanoClock, t -> io.sightline.query.rules.RuleStatusSource.EMPTY);
    }

    /** With the rules {@code rules} builds over the loaded TSDB. */
    PromApiServer(Path dir, java.util.function.Function<Tsdb, io.sightline.query.rules.RuleStatusSource> rules) {
        this(dir, EngineConfig.defaults(), PrometheusApiConfig.defaults(), System::nanoTime, rules);
    }

    PromApiServer(Path dir, EngineConfig engineConfig, PrometheusApiConfig config, LongSupplier nanoClock,
                  java.util.function.Function<Tsdb, io.sightline.query.rules.RuleStatusSource> rules) {
        InstantSource clock = InstantSource.fixed(Instant.ofEpochMilli(NOW));
        tsdb = Tsdb.open(TsdbConfig.defaults(dir), clock);
        load(tsdb);
        BuildInfo build = new BuildInfo("3.0.0", "abc123", "main", "ci", "20260101-12:00:00", "java25");
        PrometheusApi api = new PrometheusApi(tsdb, engineConfig, config, build, clock, nanoClock, rules.apply(tsdb));
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .addProtocol(PrometheusApi.http1Config())
                .routing(routing -> routing.register("/api/v1", api))
                .build()
                .start();
    }

    private static void load(Tsdb tsdb) {
        Labels upA = Labels.of("__name__", "up", "job", "api", "instance", "a:1");
        Labels upB = Labels.of("__name__", "up", "job", "db", "instance", "b:1");
        Labels requests = Labels.of("__name__", "http_requests_total", "job", "api", "code", "200");
        for (int i = 0; i <= 40; i++) {
            long t = T0 + i * 15_000L;
            tsdb.append(upA, t, 1);
            tsdb.append(upB, t, 0);
            tsdb.append(requests, t, 10.0 * i);
        }
        Labels gone = Labels.of("__name__", "gone", "job", "x");
        tsdb.append(gone, T0, 5);
        tsdb.append(gone, T0 + 15_000, Sample.STALE_NAN);
        tsdb.appendExemplar(requests, new Exemplar(Labels.of("trace_id", "abc"), 42, T0 + 60_000));
        tsdb.updateMetadata(new MetricMetadata("http_requests_total", "counter", "Requests served.", ""));
        tsdb.commit(1);
    }

    /** {@code http://127.0.0.1:port}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    Reply get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).GET());
    }

    Reply post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Unix seconds of {@code T0 + offsetMs}, as a request parameter. */
    static String seconds(long offsetMs) {
        return PromNumbers.timestamp(T0 + offsetMs);
    }

    @Override
    public void close() {
        server.stop();
        tsdb.close();
    }

    record Reply(int status, String contentType, String body) {
    }
}
