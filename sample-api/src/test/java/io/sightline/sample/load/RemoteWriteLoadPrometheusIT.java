package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends a short remote_write backfill to a real Prometheus (Debian's 2.42 package, started here
 * as a child process with its remote-write receiver on) and asks its query API what arrived.
 */
class RemoteWriteLoadPrometheusIT {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Pattern SCALAR = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]");

    private final HttpClient http = HttpClient.newHttpClient();
    private Process prometheus;

    @AfterEach
    void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        http.close();
    }

    @Test
    void seriesSentByRemoteWriteAreQueryableInPrometheus(@TempDir Path dir) throws Exception {
        assumeThat(Files.isExecutable(PROMETHEUS))
                .as("needs Debian's prometheus package at %s (apt-get install prometheus)", PROMETHEUS).isTrue();
        int port = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 15s\nscrape_configs: []\n");
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-remote-write-receiver")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        String base = "http://127.0.0.1:" + port;
        awaitReady(base, dir.resolve("prometheus.log"));

        MetricLoadSummary summary = RemoteWriteLoad.run(MetricLoadConfig.builder()
                .endpoint(URI.create(base + "/api/v1/write")).series(2_000).samplesPerSecond(0).connections(2)
                .startAgo(Duration.ofMinutes(30)).stopAtNow(true).duration(Duration.ofSeconds(60))
                .progressInterval(Duration.ZERO).build(), new PrintStream(new ByteArrayOutputStream()));

        assertThat(summary.firstRejection()).isNull();
        assertThat(summary.statusCounts()).containsOnlyKeys(204);
        assertThat(summary.scrapesComplete()).isGreaterThanOrEqualTo(119);
        assertThat(summary.samplesAcknowledged()).isEqualTo(summary.scrapesComplete() * 2_000);
        long at = summary.simulatedEndMillis() / 1_000;
        assertThat(query(base, "count({__name__=~\".+\"})", at)).isEqualTo("2000");
        assertThat(query(base, "count(http_requests_total)", at)).isEqualTo("600");
        assertThat(query(base, "count(count by (le) (http_request_duration_seconds_bucket))", at)).isEqualTo("11");
        assertThat(query(base, "count(count_over_time(up[1h]) >= 119)", at)).isEqualTo("20");
        assertThat(Double.parseDouble(query(base, "sum(rate(http_requests_total[5m]))", at))).isPositive();
        double p90 = Double.parseDouble(query(base,
                "histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))", at));
        assertThat(p90).isBetween(0.05, 5.0);
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("prometheus_tsdb_head_series 2000")
                .contains("prometheus_tsdb_out_of_order_samples_total{type=\"float\"} 0")
                .contains("prometheus_tsdb_out_of_bound_samples_total{type=\"float\"} 0");
    }

    private String query(String base, String promql, long atSeconds) throws IOException, InterruptedException {
        String url = base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + atSeconds;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher m = SCALAR.matcher(response.body());
        return m.find() ? m.group(1) : "";
    }

    private void awaitReady(String base, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(prometheus.isAlive()).as("prometheus exited: %s", Files.readString(log)).isTrue();
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/-/ready"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                prometheus.onExit().get(50, TimeUnit.MILLISECONDS); // a poll interval that ends early on exit
            } catch (TimeoutException | ExecutionException stillRunning) {
                // poll again
            }
        }
        throw new AssertionError("prometheus not ready within 60 s: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
