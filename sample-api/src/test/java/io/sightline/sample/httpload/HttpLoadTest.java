package io.sightline.sample.httpload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine against a real HTTP server ({@link TestShop}) over loopback sockets. */
class HttpLoadTest {

    private final TestShop shop;

    HttpLoadTest() {
        shop = new TestShop();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private HttpLoadScenario scenario(List<HttpEndpoint> endpoints, int users, double rate, Duration duration) {
        return new HttpLoadScenario(shop.uri(), endpoints, users, 10_000, rate, duration, Duration.ZERO);
    }

    private static final List<HttpEndpoint> STOCK = List.of(HttpEndpoint.get("stock", "/api/stock/{sku}"));

    @Test
    void aPacedRunSendsTheRateForTheDuration() {
        HttpLoadSummary s;
        try (HttpLoad load = HttpLoad.start(scenario(STOCK, 10, 200, Duration.ofSeconds(2)), HttpLoadReporting.none())) {
            s = load.awaitCompletion();
        }
        // 10 users at 20 requests/s each for 2 s: 400 due; a user far behind near the end may miss one
        assertThat(s.total().requests()).isBetween(380L, 400L);
        assertThat(shop.count("stock")).isEqualTo(s.total().requests());
        assertThat(s.elapsedSeconds()).isBetween(1.9, 3.0);
        assertThat(s.total().requestsPerSecond()).isCloseTo(200, within(30.0));
        assertThat(s.total().failures()).isZero();
        assertThat(s.statusCounts()).containsOnlyKeys(200);
        assertThat(s.users()).isEqualTo(10);
        assertThat(s.finished()).isTrue();
    }

    @Test
    void weightsAreHonouredAndServerAndClientErrorsCountApart() {
        List<HttpEndpoint> endpoints = List.of(HttpEndpoint.get("stock", "/api/stock/{sku}").withWeight(5),
                HttpEndpoint.get("missing", "/api/orders/{orderId}").withWeight(2), HttpEndpoint.get("boom", "/boom"));
        HttpLoadSummary s;
        try (HttpLoad load = HttpLoad.start(scenario(endpoints, 4, 0, Duration.ofMillis(1500)), HttpLoadReporting.none())) {
            s = load.awaitCompletion();
        }
        long total = s.total().requests();
        assertThat(total).isGreaterThan(400);
        HttpLoadSummary.Endpoint stock = s.endpoints().get(0);
        HttpLoadSummary.Endpoint missing = s.endpoints().get(1);
        HttpLoadSummary.Endpoint boom = s.endpoints().get(2);
        // at least 400 draws: each share's standard deviation is under 2.5 points; allow 4 of them
        assertThat(stock.requests() / (double) total).isCloseTo(5 / 8.0, within(0.1));
        assertThat(missing.requests() / (double) total).isCloseTo(2 / 8.0, within(0.1));
        assertThat(boom.requests() / (double) total).isCloseTo(1 / 8.0, within(0.1));
        assertThat(missing.clientErrors()).isEqualTo(missing.requests());
        assertThat(missing.failures()).isZero();
        assertThat(boom.serverErrors()).isEqualTo(boom.requests());
        assertThat(stock.failures() + stock.clientErrors()).isZero();
        assertThat(s.total().failures()).isEqualTo(boom.requests());
        assertThat(s.total().clientErrors()).isEqualTo(missing.requests());
        assertThat(s.statusCounts()).containsEntry(200, stock.requests()).containsEntry(404, missing.requests())
                .containsEntry(500, boom.requests());
        assertThat(stock.p50Ms()).isPositive().isLessThanOrEqualTo(stock.p99Ms());
        assertThat(stock.p99Ms()).isLessThanOrEqualTo(stock.maxMs());
        assertThat(s.cpuSeconds()).isPositive();
        assertThat(s.cpuMicrosPerRequest()).isPositive();
    }

    @Test
    void theShopLooksUpOrdersItPlaced() {
        HttpLoadScenario shopScenario = HttpLoadScenario.sampleShop(shop.uri()).withUsers(4).withSpawnRate(1000)
                .withDuration(Duration.ofSeconds(1));
        HttpLoadSummary s;
        try (HttpLoad load = HttpLoad.start(shopScenario, HttpLoadReporting.none())) {
            s = load.awaitCompletion();
        }
        assertThat(shop.count("place-order")).isGreaterThan(20);
        assertThat(shop.badBodies).isEmpty();
        // only lookups before the first order of the run can miss
        assertThat(shop.count("get-order")).isGreaterThan(10 * shop.count("get-order-unknown"));
        assertThat(s.endpoints()).extracting(HttpLoadSummary.Endpoint::name)
                .containsExactly("stock", "place-order", "get-order");
        assertThat(s.endpoints().get(2).clientErrors()).isEqualTo(shop.count("get-order-unknown"));
    }

    @Test
    void usersStartAtTheSpawnRateAndThinkBetweenRequests() {
        HttpLoadScenario s = new HttpLoadScenario(shop.uri(), STOCK, 10, 10, 0, Duration.ofMillis(450),
                Duration.ofMillis(100));
        HttpLoadSummary summary;
        try (HttpLoad load = HttpLoad.start(s, HttpLoadReporting.none())) {
            summary = load.awaitCompletion();
        }
        // users start at 0, 100, ..., 400 ms; each sends at most once per 100 ms of the rest of the 450 ms
        assertThat(summary.users()).isEqualTo(5);
        assertThat(summary.total().requests()).isBetween(5L, 5L + 4 + 3 + 2 + 1);
    }

    @Test
    void closeStopsARunWithoutEndPromptlyAndLeavesNoThread() {
        List<HttpEndpoint> endpoints = List.of(HttpEndpoint.get("stock", "/api/stock/{sku}"),
                HttpEndpoint.get("hang", "/hang"));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        HttpLoad load = HttpLoad.start(scenario(endpoints, 8, 0, Duration.ZERO),
                HttpLoadReporting.console(new PrintStream(progress, true, StandardCharsets.UTF_8))
                        .withProgressInterval(Duration.ofMillis(100)));
        awaitTrue(() -> shop.hanging.get() == 8, Duration.ofSeconds(10));
        awaitTrue(() -> progress.toString(StandardCharsets.UTF_8).contains("users 8/8"), Duration.ofSeconds(10));
        HttpLoadSummary before = load.snapshot();
        assertThat(before.finished()).isFalse();
        long t0 = System.nanoTime();
        load.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(load.threadsAlive()).isZero();
        HttpLoadSummary after = load.snapshot();
        assertThat(after.finished()).isTrue();
        assertThat(after.total().connectionErrors()).as("aborted by close, not the target's fault").isZero();
        assertThat(load.awaitCompletion()).isSameAs(after);
        String lines = progress.toString(StandardCharsets.UTF_8);
        assertThat(lines).containsPattern("\\[\\s+\\d+s] users 8/8 +\\d+ req/s  total \\d+  failures 0  4xx 0  ");
    }

    @Test
    void nothingListeningCountsConnectionErrors() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpLoadScenario s = new HttpLoadScenario(URI.create("http://127.0.0.1:" + port), STOCK, 2, 100, 0,
                Duration.ofMillis(300), Duration.ZERO);
        HttpLoadSummary summary;
        try (HttpLoad load = HttpLoad.start(s, HttpLoadReporting.none())) {
            summary = load.awaitCompletion();
        }
        assertThat(summary.total().connectionErrors()).isPositive().isEqualTo(summary.total().requests());
        assertThat(summary.errors()).containsOnlyKeys("ConnectException");
        assertThat(summary.total().p99Ms()).isZero();
    }

    @Test
    void theCommandLineRunsAndWritesTheSummary(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("summary.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = HttpLoadMain.run(List.of("--target", shop.uri().toString(), "--users", "3", "--spawn-rate", "100",
                        "--duration", "1500ms", "--run-id", "cli-1", "--json", json.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("run cli-1", "endpoint", "stock", "place-order", "get-order", "total", "generator CPU");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("load: 3 users", "req/s", "p50");
        String j = Files.readString(json);
        assertThat(j).startsWith("{\"target\":\"" + shop.uri() + "\",\"runId\":\"cli-1\",\"finished\":true")
                .containsPattern("\"requests\":[1-9]\\d*,\"requestsPerSecond\":")
                .contains("\"latencyMs\":{\"p50\":", "\"endpoints\":{\"stock\":{", "\"cpu\":{\"seconds\":");
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition within %s", timeout).isNegative();
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }
}
