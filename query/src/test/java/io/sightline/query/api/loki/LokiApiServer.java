package io.sightline.query.api.loki;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.helidon.webserver.WebServer;
import io.sightline.query.api.prometheus.BuildInfo;
import io.sightline.query.api.prometheus.PrometheusApi;
import io.sightline.query.logql.LogqlQueryService;
import io.sightline.query.logql.LogqlRequest;
import io.sightline.query.logql.LogqlResult;
import io.sightline.query.logql.LogqlStats;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * {@link LokiApi} at {@code /loki/api/v1} (and its tail WebSocket) on a Helidon server on a free
 * port, over small in-test stand-ins for the engine, the catalogue and the live records that answer
 * what each test sets and record what they were asked. These are API-layer tests: the stand-ins fix
 * the answers so that the HTTP surface (parameters, JSON, statuses) is what is checked. "Now" is
 * {@link #NOW}.
 */
final class LokiApiServer implements AutoCloseable {
    /** 2023-11-14T22:13:20Z in nanoseconds. */
    static final long NOW = 1_700_000_000_000_000_000L;
    /** The statistics every stand-in answer carries (stats.json). */
    static final LogqlStats STATS = new LogqlStats(1_489_000, 29, 6885, 2, 3, "{job=\"varlogs\"}");

    final RecordingService service = new RecordingService();
    final RecordingCatalogue catalogue = new RecordingCatalogue();
    final TestTailSource tailSource = new TestTailSource();
    final TestTailFilter tailFilter = new TestTailFilter();
    final LokiApi api;
    private final WebServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    LokiApiServer() {
        this(LokiApiConfig.defaults());
    }

    LokiApiServer(LokiApiConfig config) {
        InstantSource clock = InstantSource.fixed(Instant.ofEpochSecond(0, NOW));
        BuildInfo build = new BuildInfo("3.5.0", "abc123", "main", "ci", "20260101-12:00:00", "java25");
        api = new LokiApi(service, catalogue, tailSource, tailFilter, config, build, clock);
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .addProtocol(PrometheusApi.http1Config())
                .routing(routing -> routing.register("/loki/api/v1", api))
                .addRouting(api.tailRouting("/loki/api/v1"))
                .build()
                .start();
    }

    int port() {
        return server.port();
    }

    Reply get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + pathAndQuery)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    Reply post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
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

    @Override
    public void close() {
        server.stop();
    }

    record Reply(int status, String contentType, String body) {
    }

    /** Answers every request with {@link #answer} and keeps the requests. */
    static final class RecordingService implements LogqlQueryService {
        final List<LogqlRequest> requests = new CopyOnWriteArrayList<>();
        volatile Function<LogqlRequest, LogqlResult> answer = r -> new LogqlResult.Streams(List.of(), STATS);

        @Override
        public LogqlResult execute(LogqlRequest request) {
            requests.add(request);
            return answer.apply(request);
        }

        LogqlRequest last() {
            return requests.getLast();
        }
    }

    /** Fixed catalogue answers; remembers the last call's arguments. */
    static final class RecordingCatalogue implements LogCatalogue {
        volatile List<String> names = List.of();
        volatile List<String> values = List.of();
        volatile List<Map<String, String>> series = List.of();
        volatile IndexStats stats = IndexStats.EMPTY;
        volatile List<Object> lastCall = List.of();

        @Override
        public List<String> labelNames(long startNanos, long endNanos, List<LabelMatcher> selector) {
            lastCall = List.of("labelNames", startNanos, endNanos, text(selector));
            return names;
        }

        @Override
        public List<String> labelValues(String name, long startNanos, long endNanos, List<LabelMatcher> selector) {
            lastCall = List.of("labelValues", name, startNanos, endNanos, text(selector));
            return values;
        }

        @Override
        public List<Map<String, String>> series(long startNanos, long endNanos, List<List<LabelMatcher>> selectors) {
            lastCall = List.of("series", startNanos, endNanos, selectors.stream().map(RecordingCatalogue::text).toList());
            return series;
        }

        @Override
        public IndexStats indexStats(long startNanos, long endNanos, List<LabelMatcher> selector) {
            lastCall = List.of("indexStats", startNanos, endNanos, text(selector));
            return stats;
        }

        static String text(List<LabelMatcher> matchers) {
            StringBuilder out = new StringBuilder("{");
            for (LabelMatcher m : matchers) {
                out.append(out.length() > 1 ? "," : "").append(m.name()).append(m.type().symbol())
                        .append('"').append(m.value()).append('"');
            }
            return out.append('}').toString();
        }
    }
}
