package io.sightline.appliance.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.sightline.appliance.Appliance;
import io.sightline.appliance.ApplianceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same remote_write data into Sightline and Debian's Prometheus 2.42, then every query of
 * {@code prometheus-compat/queries.txt} against both, as instant queries at three times and as a
 * range query: the answers must be the same (series, timestamps, values within 1e-9 relative,
 * error types). Every difference is listed, so one run shows them all.
 */
class PrometheusCompatibilityIT {
    private static final long SEED = Long.getLong("tests.seed", 20261129L);
    private static final double RELATIVE_TOLERANCE = 1e-9;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private DebianPrometheus prometheus;
    private Appliance sightline;

    @AfterEach
    void stop() throws InterruptedException {
        if (sightline != null) {
            sightline.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void answersEveryQueryAsPrometheusDoes() throws Exception {
        Path prometheusDir = Files.createDirectories(dir.resolve("prometheus"));
        prometheus = DebianPrometheus.start(prometheusDir, freePort());
        sightline = Appliance.start(ApplianceConfig.of(Map.of("data-dir", dir.resolve("sightline").toString(),
                "http-port", "0", "otlp-grpc-port", "0", "otlp-http-port", "0",
                // The reference is Debian's Prometheus 2.42: its range and lookback windows are closed.
                "query.prometheus-2-semantics", "true")));
        URI sightlineBase = URI.create("http://127.0.0.1:" + sightline.httpPort());

        long now = System.currentTimeMillis();
        long startMs = Math.floorDiv(now - CompatData.SCRAPES * CompatData.INTERVAL_MS - 60_000, CompatData.INTERVAL_MS)
                * CompatData.INTERVAL_MS;
        long endMs = startMs + (CompatData.SCRAPES - 1) * CompatData.INTERVAL_MS;
        byte[] body = RemoteWriteBody.of(CompatData.generate(startMs, SEED));
        System.out.println("PrometheusCompatibilityIT seed " + SEED + " (replay with -Dtests.seed=" + SEED + ")");
        assertThat(write(prometheus.base(), body)).as("Prometheus remote_write status").isBetween(200, 299);
        assertThat(write(sightlineBase, body)).as("Sightline remote_write status").isBetween(200, 299);
        awaitSameSeriesCount(sightlineBase, endMs);

        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (String query : queries()) {
            for (long time : new long[] {startMs + 600_000, startMs + 1_200_000 + 7_000, endMs - 30_000}) {
                String path = "/api/v1/query?query=" + encode(query) + "&time=" + seconds(time);
                compare(query + " @ " + seconds(time), path, sightlineBase, sortsItself(query), differences);
                compared++;
            }
            String range = "/api/v1/query_range?query=" + encode(query) + "&start=" + seconds(startMs + 300_000)
                    + "&end=" + seconds(endMs) + "&step=60";
            compare(query + " (range)", range, sightlineBase, false, differences);
            compared++;
        }
        System.out.println("PrometheusCompatibilityIT compared " + compared + " answers, " + differences.size() + " differ");
        assertThat(differences).as("answers that differ from Prometheus's").isEmpty();
    }

    private void compare(String what, String path, URI sightlineBase, boolean ordered, List<String> differences)
            throws IOException, InterruptedException {
        JsonObject expected = get(prometheus.base().resolve(path));
        JsonObject actual = get(sightlineBase.resolve(path));
        String difference = ResultDifference.of(expected, actual, ordered, RELATIVE_TOLERANCE);
        if (difference != null) {
            differences.add(what + ": " + difference + "\n    prometheus: " + abbreviate(expected) + "\n    sightline:  "
                    + abbreviate(actual));
        }
    }

    private static String abbreviate(JsonElement json) {
        String text = json.toString();
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    /** Waits until Sightline has applied what it acknowledged: both count the same compat series. */
    private void awaitSameSeriesCount(URI sightlineBase, long endMs) throws IOException, InterruptedException {
        String path = "/api/v1/query?query=" + encode("count({__name__=~\"compat_.+\"})") + "&time=" + seconds(endMs);
        JsonObject expected = get(prometheus.base().resolve(path));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonObject actual = null;
        while (System.nanoTime() < deadline) {
            actual = get(sightlineBase.resolve(path));
            if (ResultDifference.of(expected, actual, false, 0) == null) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // poll interval
        }
        throw new AssertionError("Sightline did not apply the data within 30 s: " + actual + " vs " + expected);
    }

    private int write(URI base, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/write"))
                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            System.out.println(base + " answered remote_write with " + response.statusCode() + ": " + response.body());
        }
        return response.statusCode();
    }

    private JsonObject get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        try {
            return JsonParser.parseString(response.body()).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new AssertionError(uri + " answered " + response.statusCode() + " with non-JSON: " + response.body(), e);
        }
    }

    private static boolean sortsItself(String query) {
        return query.startsWith("sort(") || query.startsWith("sort_desc(");
    }

    private static List<String> queries() throws IOException {
        try (var in = PrometheusCompatibilityIT.class.getResourceAsStream("/prometheus-compat/queries.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    private static String seconds(long millis) {
        return millis / 1000 + "." + String.format("%03d", millis % 1000);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
