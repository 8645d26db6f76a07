package io.sightline.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;

/**
 * Scraping through the running appliance, against real HTTP targets served here: a text-format
 * target whose series vanish (stale markers make PromQL stop returning them at once, long before
 * the 5-minute lookback), one that never answers (timeout → up 0), one that serves HTML (a bad
 * page → up 0 with the parser's error), a closed port (connection refused), and Sightline's own
 * /metrics; the failing targets leave the good one unaffected.
 */
class ScrapeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<HttpServer> servers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<String> goodPage = new AtomicReference<>(
            "# TYPE demo_requests_total counter\ndemo_requests_total{code=\"200\"} 7\ndemo_gone{job=\"page\"} 5\n");
    private final AtomicInteger goodStatus = new AtomicInteger(200);
    private Appliance appliance;
    private Path scrapeConfig;
    private String good;
    private String slow;
    private String bad;
    private String refused;

    @BeforeEach
    void start() throws IOException {
        good = serve(exchange -> {
            byte[] body = goodPage.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(goodStatus.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slow = serve(exchange -> {
            try {
                release.await(); // never answers while the test runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        bad = serve(exchange -> {
            byte[] body = "<html><body>Not the metrics</body></html>\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        try (ServerSocket closed = new ServerSocket(0)) {
            refused = "127.0.0.1:" + closed.getLocalPort();
        }
        scrapeConfig = dataDir.resolve("prometheus.yml");
        Files.writeString(scrapeConfig, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 500ms
                scrape_configs:
                  - job_name: app
                    static_configs:
                      - targets: ['%s']
                        labels: {env: test}
                    metric_relabel_configs:
                      - source_labels: [__name__]
                        regex: demo_drop_me
                        action: drop
                  - job_name: broken
                    static_configs:
                      - targets: ['%s', '%s', '%s']
                """.formatted(good, slow, bad, refused));
        appliance = Appliance.start(ApplianceConfig.of(Map.of("data-dir", dataDir.resolve("data").toString(),
                "http-port", "0", "otlp-grpc-port", "0", "otlp-http-port", "0",
                "scrape.config-file", scrapeConfig.toString(), "scrape.self", "true", "scrape.interval", "1s",
                "scrape.timeout", "500ms")));
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (appliance != null) {
            appliance.close();
        }
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void scrapesTargetsMarksVanishedSeriesStaleAndReportsFailures() throws Exception {
        // Polled until the good target is up: a cold JVM's first scrape may miss the 500 ms timeout on a loaded machine.
        JsonArray ups = await("up", r -> r.size() == 5 && value(r, good).equals("1"));
        assertThat(value(ups, slow)).isEqualTo("0");
        assertThat(value(ups, bad)).isEqualTo("0");
        assertThat(value(ups, refused)).isEqualTo("0");
        assertThat(await("up{job=\"sightline\"}", r -> r.size() == 1).get(0).getAsJsonObject()
                .getAsJsonArray("value").get(1).getAsString()).isEqualTo("1");

        JsonObject demo = await("demo_requests_total", r -> r.size() == 1).get(0).getAsJsonObject();
        assertThat(demo.getAsJsonObject("metric").entrySet()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("__name__", "code", "env", "instance", "job");
        assertThat(demo.getAsJsonObject("metric").get("job").getAsString()).isEqualTo("app");
        assertThat(demo.getAsJsonArray("value").get(1).getAsString()).isEqualTo("7");
        JsonObject gone = await("demo_gone", r -> r.size() == 1).get(0).getAsJsonObject();
        assertThat(gone.getAsJsonObject("metric").get("exported_job").getAsString()).as("honor_labels false").isEqualTo("page");
        await("scrape_samples_scraped{instance=\"" + good + "\"}", r -> r.size() == 1);
        await("scrape_samples_scraped{job=\"sightline\"} > 10", r -> r.size() == 1); // Sightline's own /metrics parsed

        goodPage.set("demo_requests_total{code=\"200\"} 9\ndemo_drop_me 1\n");
        await("demo_gone", JsonArray::isEmpty);
        await("demo_requests_total", r -> r.size() == 1
                && r.get(0).getAsJsonObject().getAsJsonArray("value").get(1).getAsString().equals("9"));
        assertThat(query("demo_drop_me")).as("dropped by metric_relabel_configs").isEmpty();
        assertThat(query("scrape_samples_post_metric_relabeling{instance=\"" + good + "\"}").get(0).getAsJsonObject()
                .getAsJsonArray("value").get(1).getAsString()).isIn("1", "2");

        Map<String, JsonObject> targets = awaitTargets(t -> t.get(slow).get("lastError").getAsString().contains("timed out")
                && t.get(bad).get("lastError").getAsString().startsWith("invalid page: line 1:")
                && t.get(refused).get("health").getAsString().equals("down"));
        assertThat(targets.get(good).get("health").getAsString()).isEqualTo("up");
        assertThat(targets.get(good).get("lastError").getAsString()).isEmpty();
        assertThat(targets.get(slow).get("lastError").getAsString()).isEqualTo("scrape timed out after 500ms (scrape_timeout)");
        assertThat(targets.get(bad).get("lastError").getAsString()).isEqualTo("invalid page: line 1: expected a metric name, found '<'");
        assertThat(targets.get(refused).get("lastError").getAsString()).startsWith("connection refused: " + refused);

        goodStatus.set(500);
        await("demo_requests_total", JsonArray::isEmpty);
        await("up{instance=\"" + good + "\"}", r -> r.size() == 1
                && r.get(0).getAsJsonObject().getAsJsonArray("value").get(1).getAsString().equals("0"));
        assertThat(awaitTargets(t -> t.get(good).get("health").getAsString().equals("down")).get(good)
                .get("lastError").getAsString()).isEqualTo("server returned HTTP status 500");
    }

    @Test
    void reloadEndsRemovedTargetsWithStaleMarkersAndKeepsTheRest() throws Exception {
        await("demo_requests_total", r -> r.size() == 1);
        await("up", r -> r.size() == 5);
        Files.writeString(scrapeConfig, """
                global: {scrape_interval: 1s, scrape_timeout: 500ms}
                scrape_configs:
                  - job_name: broken
                    static_configs:
                      - targets: ['%s', '%s', '%s']
                """.formatted(slow, bad, refused));
        HttpResponse<String> reloaded = reload();
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        await("demo_requests_total", JsonArray::isEmpty);
        await("up{job=\"app\"}", JsonArray::isEmpty);
        assertThat(await("up", r -> r.size() == 4)).noneMatch(e -> e.toString().contains(good));
        assertThat(awaitTargets(4, t -> !t.containsKey(good))).containsKeys(slow, bad, refused);

        Files.writeString(scrapeConfig, "scrape_configs: [{job_name: broken, scrape_intervall: 1s}]");
        HttpResponse<String> refusedReload = reload();
        assertThat(refusedReload.statusCode()).isEqualTo(500);
        assertThat(refusedReload.body()).contains("scrape.config-file").contains("unknown field \"scrape_intervall\"");
        assertThat(awaitTargets(4, t -> true)).as("a bad file keeps the running targets").containsKeys(slow, bad, refused);
    }

    private HttpResponse<String> reload() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appliance.httpPort() + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String serve(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/metrics", handler);
        server.start();
        servers.add(server);
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static String value(JsonArray result, String instance) {
        for (JsonElement e : result) {
            JsonObject series = e.getAsJsonObject();
            if (series.getAsJsonObject("metric").get("instance").getAsString().equals(instance)) {
                return series.getAsJsonArray("value").get(1).getAsString();
            }
        }
        throw new AssertionError("no series for " + instance + " in " + result);
    }

    private JsonArray query(String promql) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appliance.httpPort()
                + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("data").getAsJsonArray("result");
    }

    private JsonArray await(String promql, Predicate<JsonArray> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonArray last;
        do {
            last = query(promql);
            if (done.test(last)) {
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        } while (System.nanoTime() < deadline);
        throw new AssertionError(promql + " did not reach the expected answer within " + WAIT + "; last: " + last);
    }

    private Map<String, JsonObject> awaitTargets(Predicate<Map<String, JsonObject>> done) throws Exception {
        return awaitTargets(5, done);
    }

    private Map<String, JsonObject> awaitTargets(int count, Predicate<Map<String, JsonObject>> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, JsonObject> last;
        do {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appliance.httpPort()
                    + "/api/v1/targets")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            last = new java.util.HashMap<>();
            for (JsonElement e : JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("data")
                    .getAsJsonArray("activeTargets")) {
                JsonObject t = e.getAsJsonObject();
                last.put(t.getAsJsonObject("labels").get("instance").getAsString(), t);
            }
            if (last.size() == count && done.test(last)) {
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        } while (System.nanoTime() < deadline);
        throw new AssertionError("targets did not reach the expected state within " + WAIT + "; last: " + last);
    }
}
