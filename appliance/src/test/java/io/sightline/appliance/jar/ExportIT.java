package io.sightline.appliance.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.sightline.appliance.Sightline;
import io.sightline.appliance.compat.DebianPrometheus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's exporters end to end: the real jar ("first") takes all three signals from the official
 * OpenTelemetry SDK and forwards them with three exporters: OTLP/gRPC to a second Sightline, Loki push
 * to a third, remote_write to Debian's Prometheus. Everything acknowledged must arrive, per signal,
 * after (1) plain forwarding, (2) every target stopped for a while and restarted, (3) the first
 * instance killed with -9 right after a round was acknowledged and restarted. Per series, the samples
 * in Prometheus and the second Sightline must equal the first's, in order (Prometheus refuses
 * out-of-order samples, which would show as failed items).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ExportIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final int PER_ROUND = 200;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    /** The targets' HTTP ports: fixed for the whole test, as they restart on the ports the exporters file names. */
    private int secondHttpPort;
    private int thirdHttpPort;

    @Test
    void whatTheFirstAcknowledgedArrivesEverywhereThroughOutagesAndAKill() throws Exception {
        int[] otlpTarget = JarProcess.freePorts(3);
        int[] lokiTarget = JarProcess.freePorts(3);
        secondHttpPort = otlpTarget[0];
        thirdHttpPort = lokiTarget[0];
        int prometheusPort = JarProcess.freePorts(1)[0];
        Path prometheusDir = Files.createDirectories(dir.resolve("prometheus"));
        Path exporters = Files.writeString(dir.resolve("exporters.yml"), """
                exporters:
                  - name: second
                    protocol: otlp_grpc
                    endpoint: http://127.0.0.1:%d
                    drop_metrics: ["traces_.*"]
                    batch: {max_delay: 50ms}
                    retry: {initial_backoff: 100ms, max_backoff: 1s}
                  - name: loki
                    protocol: loki
                    endpoint: http://127.0.0.1:%d/loki/api/v1/push
                    batch: {max_delay: 50ms}
                    retry: {initial_backoff: 100ms, max_backoff: 1s}
                  - name: prometheus
                    protocol: remote_write
                    endpoint: http://127.0.0.1:%d/api/v1/write
                    external_labels: {replica: first}
                    batch: {max_delay: 50ms}
                    retry: {initial_backoff: 100ms, max_backoff: 1s}
                """.formatted(otlpTarget[1], lokiTarget[0], prometheusPort));
        List<String> options = List.of("--export.config-file", exporters.toString());
        Path firstData = dir.resolve("first");
        SdkTelemetry.Ledger ledger = new SdkTelemetry.Ledger();

        Sightline second = target("second", otlpTarget);
        Sightline third = target("third", lokiTarget);
        DebianPrometheus prometheus = DebianPrometheus.start(prometheusDir, prometheusPort);
        JarProcess first = JarProcess.serve(dir, "first", firstData, List.of(), List.of(), options, READY);
        try {
            try (SdkTelemetry app = new SdkTelemetry(first.otlpHttpPort(), "run-1")) {
                app.round("plain", PER_ROUND, ledger);
                awaitEverywhere("after plain forwarding", first, ledger, prometheus.base(), false);

                second.close();
                third.close();
                prometheus.close();
                app.round("outage", PER_ROUND, ledger);
                JarProcess forwarding = first;
                assertThat(exporterStates(first)).hasSize(5);
                Poll.until("every exporter retried against its stopped target", ARRIVAL, Duration.ofMillis(100),
                        () -> exporterStates(forwarding).values().stream().allMatch(s -> s.get("retries").getAsLong() > 0));
                second = target("second", otlpTarget);
                third = target("third", lokiTarget);
                prometheus = DebianPrometheus.start(prometheusDir, prometheusPort);
                awaitEverywhere("after the targets came back", first, ledger, prometheus.base(), false);

                app.round("killed", PER_ROUND, ledger);
            }
            first.kill();
            first = JarProcess.serve(dir, "first-restarted", firstData, List.of(), List.of(), options, READY);
            try (SdkTelemetry app = new SdkTelemetry(first.otlpHttpPort(), "run-2")) {
                awaitEverywhere("after kill -9 and a restart", first, ledger, prometheus.base(), true);
                app.round("restarted", PER_ROUND, ledger);
                awaitEverywhere("after the restart's own round", first, ledger, prometheus.base(), true);
            }
            for (JsonObject state : exporterStates(first).values()) {
                assertNothingRefusedButResends("at the end", state, true);
                assertThat(state.get("droppedItems").getAsLong()).as("dropped items of " + state).isZero();
            }
            assertThat(first.client().metric("sightline_exporter_sent_items_total{exporter=\"loki\",signal=\"logs\"}")
                    .orElse(0)).as("log records sent since the restart").isGreaterThanOrEqualTo(PER_ROUND);
            String statusPage = first.client().get("/status").body();
            assertThat(statusPage).contains("second (traces)", "loki (logs)", "prometheus (metrics)",
                    "http://127.0.0.1:" + prometheusPort + "/api/v1/write");

            // A reload without the Loki exporter stops it; the others run on.
            String withoutLoki = Files.readString(exporters).replaceAll("(?s)  - name: loki.*?(?=  - name: prometheus)", "");
            Files.writeString(exporters, withoutLoki);
            HttpResponse<String> reload = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.httpPort()
                    + "/-/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
            assertThat(exporterStates(first).keySet()).containsExactly("prometheus/metrics", "second/logs", "second/metrics",
                    "second/traces");
        } finally {
            first.close();
            second.close();
            third.close();
            prometheus.close();
        }
    }

    private Sightline target(String name, int[] ports) {
        return Sightline.start(Sightline.config(dir.resolve(name)).bind("127.0.0.1").ports(ports[0], ports[1], ports[2]));
    }

    /**
     * Waits until the second Sightline holds every acknowledged span and log, the third every log
     * (through Loki push), and both the second and Prometheus hold exactly the first's samples of the
     * SDK's counter, series by series.
     */
    private void awaitEverywhere(String when, JarProcess first, SdkTelemetry.Ledger ledger, URI prometheus,
            boolean afterKill) throws Exception {
        try {
            awaitArrival(when, first, ledger, prometheus, afterKill);
        } catch (AssertionError e) {
            Set<String> missing = new TreeSet<>(ledger.traceIds);
            missing.removeAll(StoredTraces.bulk(new ApplianceClient(secondHttpPort, 1), ledger.traceIds).keySet());
            Set<String> missingInFirst = new TreeSet<>(ledger.traceIds);
            missingInFirst.removeAll(StoredTraces.bulk(first.client(), ledger.traceIds).keySet());
            throw new AssertionError(e.getMessage() + "\nexporters: " + exporterStates(first) + "\ntraces missing in the second: "
                    + missing.size() + " " + missing.stream().limit(10).toList() + ", in the first: " + missingInFirst.size()
                    + "\nthe first's stderr:\n" + first.stderr(), e);
        }
    }

    private void awaitArrival(String when, JarProcess first, SdkTelemetry.Ledger ledger, URI prometheus, boolean afterKill)
            throws Exception {
        ApplianceClient origin = first.client();
        Poll.until("the first holds every acknowledged log " + when, ARRIVAL, Duration.ofMillis(200),
                () -> logLines(origin.get(lokiRange())).containsAll(ledger.logs));
        ApplianceClient second = new ApplianceClient(secondHttpPort, 1);
        Poll.until("the second Sightline holds every trace " + when, ARRIVAL, Duration.ofMillis(250),
                () -> StoredTraces.bulk(second, ledger.traceIds).keySet().containsAll(ledger.traceIds));
        Poll.until("the second Sightline holds every log (OTLP) " + when, ARRIVAL, Duration.ofMillis(250),
                () -> logLines(get(URI.create("http://127.0.0.1:" + secondHttpPort), lokiRange())).containsAll(ledger.logs));
        Poll.until("the third Sightline holds every log (Loki push) " + when, ARRIVAL, Duration.ofMillis(250),
                () -> logLines(get(URI.create("http://127.0.0.1:" + thirdHttpPort), lokiRange())).containsAll(ledger.logs));
        Poll.until("Prometheus and the second hold the first's counter samples " + when, ARRIVAL, Duration.ofMillis(250), () -> {
            Map<String, List<String>> origin0 = samples(first.client().get(rawSamplesPath()), Set.of());
            return !origin0.isEmpty()
                    && origin0.equals(samples(get(prometheus, rawSamplesPath()), Set.of("replica")))
                    && origin0.equals(samples(get(URI.create("http://127.0.0.1:" + secondHttpPort), rawSamplesPath()), Set.of()));
        });
        for (JsonObject state : exporterStates(first).values()) {
            assertNothingRefusedButResends(when, state, afterKill);
        }
    }

    /**
     * Nothing refused, except that after a kill -9 the first sends again what it forwarded since its
     * position was last saved (at least once), and a metrics target refuses those older samples as out
     * of order: they are there already (the sample comparison above proves it), so they are no loss.
     */
    private static void assertNothingRefusedButResends(String when, JsonObject state, boolean afterKill) {
        if (!afterKill) {
            assertThat(state.get("failedItems").getAsLong()).as("refused items " + when + ": " + state).isZero();
        } else if (state.get("failedItems").getAsLong() > 0) {
            assertThat(state.get("signal").getAsString()).as("refused items " + when + ": " + state).isEqualTo("metrics");
            assertThat(state.get("lastError").getAsString()).as("refused items " + when + ": " + state).contains("out of order");
        }
    }

    private static String lokiRange() {
        long now = System.currentTimeMillis();
        return "/loki/api/v1/query_range?limit=5000&direction=forward&start=" + (now - 3_600_000) * 1_000_000L + "&end="
                + (now + 60_000) * 1_000_000L + "&query=" + URLEncoder.encode("{service_name=\"" + SdkTelemetry.SERVICE + "\"}",
                StandardCharsets.UTF_8);
    }

    private static String rawSamplesPath() {
        return "/api/v1/query?time=" + (System.currentTimeMillis() / 1000.0) + "&query="
                + URLEncoder.encode(SdkTelemetry.COUNTER + "[1h]", StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> logLines(HttpResponse<String> answer) {
        Set<String> lines = new TreeSet<>();
        if (answer.statusCode() != 200) {
            return lines;
        }
        JsonObject data = JsonParser.parseString(answer.body()).getAsJsonObject().getAsJsonObject("data");
        for (JsonElement stream : data.getAsJsonArray("result")) {
            for (JsonElement value : stream.getAsJsonObject().getAsJsonArray("values")) {
                lines.add(value.getAsJsonArray().get(1).getAsString());
            }
        }
        return lines;
    }

    /** Each series' raw samples ("time=value" in order) by its labels, without {@code ignored} labels. */
    private static Map<String, List<String>> samples(HttpResponse<String> answer, Set<String> ignored) {
        Map<String, List<String>> series = new TreeMap<>();
        if (answer.statusCode() != 200) {
            return series;
        }
        JsonObject data = JsonParser.parseString(answer.body()).getAsJsonObject().getAsJsonObject("data");
        for (JsonElement element : data.getAsJsonArray("result")) {
            JsonObject result = element.getAsJsonObject();
            Map<String, String> labels = new TreeMap<>();
            result.getAsJsonObject("metric").entrySet().forEach(e -> {
                if (!ignored.contains(e.getKey())) {
                    labels.put(e.getKey(), e.getValue().getAsString());
                }
            });
            List<String> values = new java.util.ArrayList<>();
            for (JsonElement value : result.getAsJsonArray("values")) {
                values.add(value.getAsJsonArray().get(0).getAsString() + "=" + value.getAsJsonArray().get(1).getAsString());
            }
            series.put(labels.toString(), values);
        }
        return series;
    }

    /** The first's exporters by "name/signal", from {@code GET /api/v1/status/exporters}. */
    private static Map<String, JsonObject> exporterStates(JarProcess first) throws Exception {
        Map<String, JsonObject> states = new TreeMap<>();
        HttpResponse<String> answer = first.client().get("/api/v1/status/exporters");
        assertThat(answer.statusCode()).isEqualTo(200);
        for (JsonElement element : JsonParser.parseString(answer.body()).getAsJsonObject().getAsJsonArray("data")) {
            JsonObject state = element.getAsJsonObject();
            states.put(state.get("name").getAsString() + "/" + state.get("signal").getAsString(), state);
        }
        return states;
    }
}
