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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.sightline.appliance.Sightline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Prometheus 2.42 and Sightline scrape the same targets ({@link ComparisonTargets}) with
 * the same configuration file at 1 s, and what they recorded is compared through their query
 * APIs: every series (names and labels, {@code job} and {@code instance} included) and its value,
 * the report series ({@code up} 0 for the target that times out), a page's own timestamps, the
 * effects of {@code metric_relabel_configs}, staleness of a series that leaves its page and of a
 * target that goes away (at once, both), and what the targets API says of each target. The pages
 * hold fixed values, so the two scrapers' different scrape instants do not matter. Every
 * difference is listed, so one run shows them all.
 */
class ScrapePrometheusComparisonIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String JOBS = "{job=~\"text|om|dup|slow|gone|huge|bad\"}";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private DebianPrometheus prometheus;
    private Sightline sightline;
    private ComparisonTargets targets;

    @AfterEach
    void stop() throws InterruptedException {
        if (sightline != null) {
            sightline.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (targets != null) {
            targets.close();
        }
    }

    @Test
    void recordsWhatPrometheusRecordsScrapingTheSameTargets() throws Exception {
        targets = new ComparisonTargets(System.currentTimeMillis() / 1000 * 1000 - 4_877);
        String config = config(targets.address(), targets.goneAddress());
        prometheus = DebianPrometheus.start(Files.createDirectories(dir.resolve("prometheus")), freePort(), config);
        Path configFile = Files.writeString(dir.resolve("scrape.yml"), config);
        sightline = Sightline.start(Sightline.config(dir.resolve("sightline")).ephemeralPorts()
                .set("scrape.config-file", configFile.toString()));
        URI p = prometheus.base();
        URI s = sightline.httpEndpoint();

        // Every target scraped by both, the good ones up (a cold JVM may miss a first timeout).
        String ready = "count(up == 1) == 4 and count(up) == 7";
        awaitBoth(ready, r -> r.size() == 1);
        // A few scrapes of every target: past the first page (scrape_series_added is 0 from the second on).
        awaitBoth("min(count_over_time(up[1m])) >= 3", r -> r.size() == 1);

        List<String> differences = new ArrayList<>();
        assertThat(compareSeries(JOBS, differences)).as("series compared").isGreaterThan(50);
        assertThat(series(s, "demo_relabel", "")).as("relabelled by replace and labeldrop")
                .containsOnlyKeys("{__name__=demo_relabel, instance=" + targets.address() + ", job=text, order=order-17, path=/api/orders/17}");
        for (String q : List.of("up", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling",
                "scrape_series_added", "timestamp(demo_untyped_stamped)", "timestamp(om_stamped)",
                "timestamp(gone_stamped)", "count by (job) ({__name__=~\".+\"})", "dup_metric")) {
            compareSeries(q, differences);
        }
        compareTargets(differences);
        // A page over body_size_limit and a malformed one: down in both, with the reason, the rest unaffected.
        assertThat(targets(p).get("huge").get("lastError").getAsString()).isNotEmpty();
        assertThat(targets(s).get("huge").get("lastError").getAsString())
                .isEqualTo("body size limit exceeded: the page is over 16384 bytes (body_size_limit)");
        assertThat(targets(p).get("bad").get("lastError").getAsString()).isNotEmpty();
        assertThat(targets(s).get("bad").get("lastError").getAsString())
                .isEqualTo("invalid page: line 1: expected ',' or '}' after the value of label \"a\", found '2'");
        // A series twice on a page: both keep the first and stay up; Prometheus only logs and counts it,
        // Sightline also says so on the target's status.
        assertThat(targets(p).get("dup").get("lastError").getAsString()).isEmpty();
        assertThat(targets(s).get("dup").get("lastError").getAsString()).isEqualTo("duplicate sample for timestamp: "
                + "dup_metric{a=\"1\", instance=\"" + targets.address() + "\", job=\"dup\"} is on the page more than once;"
                + " 1 later sample dropped, the first kept");
        for (String counter : List.of("prometheus_target_scrapes_sample_duplicate_timestamp_total",
                "prometheus_target_scrapes_sample_out_of_order_total", "prometheus_tsdb_out_of_order_samples_total")) {
            System.out.println("prometheus: " + prometheusCounter(counter));
        }
        prometheus.log().lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("dup")
                || l.contains("level=warn")).forEach(l -> System.out.println("prometheus log: " + l));

        // A series that leaves its page: stale at the next scrape in both, long before the 5 m lookback.
        targets.flapping(false);
        long flapNanos = System.nanoTime();
        awaitBoth("demo_flapping", r -> r.isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - flapNanos)).as("staleness of a vanished series")
                .isLessThan(Duration.ofSeconds(10));
        compareSeries(JOBS, differences);

        // A target that goes away: up 0, its series stale at once, its own-timestamp sample kept (both).
        targets.stopGone();
        awaitBoth("up{job=\"gone\"} == 0", r -> r.size() == 1);
        awaitBoth("gone_value", r -> r.isEmpty());
        compareSeries("{job=\"gone\"}", differences);
        compareSeries(JOBS, differences);
        compareTargets(differences);

        System.out.println("ScrapePrometheusComparisonIT: " + differences.size() + " differences");
        differences.forEach(d -> System.out.println("  " + d));
        assertThat(differences).as("what Sightline recorded and Prometheus did not (or the reverse)").isEmpty();
        assertThat(query(s, "demo_drop_me")).as("dropped by metric_relabel_configs").isEmpty();
        assertThat(query(p, "demo_drop_me")).isEmpty();
    }

    private static String config(String address, String goneAddress) {
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 500ms
                scrape_configs:
                  - job_name: text
                    metrics_path: /text
                    static_configs:
                      - targets: ['%1$s']
                        labels: {env: test}
                    metric_relabel_configs:
                      - source_labels: [__name__]
                        regex: demo_drop_me
                        action: drop
                      - source_labels: [path]
                        regex: '/api/orders/(\\d+)'
                        target_label: order
                        replacement: 'order-$1'
                      - regex: env
                        action: labeldrop
                  - job_name: om
                    metrics_path: /om
                    static_configs: [{targets: ['%1$s']}]
                  - job_name: dup
                    metrics_path: /dup
                    static_configs: [{targets: ['%1$s']}]
                  - job_name: slow
                    metrics_path: /slow
                    static_configs: [{targets: ['%1$s']}]
                  - job_name: huge
                    metrics_path: /huge
                    body_size_limit: 16KB
                    static_configs: [{targets: ['%1$s']}]
                  - job_name: bad
                    metrics_path: /bad
                    static_configs: [{targets: ['%1$s']}]
                  - job_name: gone
                    static_configs: [{targets: ['%2$s']}]
                """.formatted(address, goneAddress);
    }

    /** Its own /metrics line of {@code name}, for the record. */
    private String prometheusCounter(String name) throws Exception {
        String page = http.send(HttpRequest.newBuilder(prometheus.base().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return page.lines().filter(l -> l.startsWith(name)).findFirst().orElse(name + " absent");
    }

    /**
     * Compares an instant query's answer at one instant: series and values (durations: presence
     * only); returns how many series were compared.
     */
    private int compareSeries(String promql, List<String> differences) throws Exception {
        long now = System.currentTimeMillis();
        String time = now / 1000 + "." + String.format("%03d", now % 1000);
        Map<String, String> expected = series(prometheus.base(), promql, time);
        Map<String, String> actual = series(sightline.httpEndpoint(), promql, time);
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            String e = expected.get(key);
            String a = actual.get(key);
            if (e == null || a == null || !key.contains("scrape_duration_seconds") && !e.equals(a)) {
                differences.add(promql + " " + key + ": prometheus " + e + ", sightline " + a);
            }
        }
        return keys.size();
    }

    /** health per target in both; lastError printed side by side (their wording differs by design). */
    private void compareTargets(List<String> differences) throws Exception {
        Map<String, JsonObject> expected = targets(prometheus.base());
        Map<String, JsonObject> actual = targets(sightline.httpEndpoint());
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String job : expected.keySet()) {
            JsonObject e = expected.get(job);
            JsonObject a = actual.get(job);
            System.out.println("target " + job + ": prometheus " + e.get("health") + " " + e.get("lastError")
                    + " | sightline " + a.get("health") + " " + a.get("lastError"));
            if (!e.get("health").equals(a.get("health")) || !e.get("scrapeUrl").equals(a.get("scrapeUrl"))) {
                differences.add("target " + job + ": prometheus " + e + ", sightline " + a);
            }
        }
    }

    private Map<String, JsonObject> targets(URI base) throws Exception {
        Map<String, JsonObject> byJob = new TreeMap<>();
        for (JsonElement e : get(base.resolve("/api/v1/targets")).getAsJsonObject("data").getAsJsonArray("activeTargets")) {
            byJob.put(e.getAsJsonObject().getAsJsonObject("labels").get("job").getAsString(), e.getAsJsonObject());
        }
        return byJob;
    }

    private Map<String, String> series(URI base, String promql, String time) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonElement e : query(base, promql, time.isEmpty() ? null : time)) {
            TreeMap<String, String> labels = new TreeMap<>();
            e.getAsJsonObject().getAsJsonObject("metric").entrySet().forEach(l -> labels.put(l.getKey(), l.getValue().getAsString()));
            out.put(labels.toString(), e.getAsJsonObject().getAsJsonArray("value").get(1).getAsString());
        }
        return out;
    }

    private void awaitBoth(String promql, Predicate<List<JsonElement>> done) throws Exception {
        for (URI base : List.of(prometheus.base(), sightline.httpEndpoint())) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<JsonElement> last;
            do {
                last = query(base, promql);
                if (done.test(last)) {
                    break;
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // poll interval
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(base + ": " + promql + " not as expected within " + WAIT + "; last: " + last
                            + (base.equals(prometheus.base()) ? "\n" + prometheus.log() : ""));
                }
            } while (true);
        }
    }

    private List<JsonElement> query(URI base, String promql) throws Exception {
        return query(base, promql, null);
    }

    private List<JsonElement> query(URI base, String promql, String time) throws Exception {
        JsonObject answer = get(base.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + (time == null ? "" : "&time=" + time)));
        assertThat(answer.get("status").getAsString()).as(base + " " + promql + ": " + answer).isEqualTo("success");
        return answer.getAsJsonObject("data").getAsJsonArray("result").asList();
    }

    private JsonObject get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        try {
            return JsonParser.parseString(response.body()).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new AssertionError(uri + " answered " + response.statusCode() + " with non-JSON: " + response.body(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
