package io.sightline.query.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.sightline.query.alerting.PostableAlert;
import io.sightline.storage.tsdb.Labels;

/**
 * Debian's real Alertmanager ({@code prometheus-alertmanager}, installed by {@code .ci/run}) receives
 * Sightline's alerts through {@link AlertmanagerSender}, groups them and calls a webhook sink; the built-in
 * {@link WebhookDispatcher}, configured as that Alertmanager is, must send the very same bytes. Skipped
 * when the binary is missing.
 */
class AlertmanagerIT {
    private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
    private static final String EXTERNAL_URL = "http://alertmanager.test:9093";

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpSink amSink;
    private HttpSink ourSink;
    private Process alertmanager;
    private URI alertmanagerUrl;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Files.isExecutable(ALERTMANAGER), "prometheus-alertmanager is not installed");
        amSink = new HttpSink();
        ourSink = new HttpSink();
        int port = freePort();
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: sink
                  group_by: ['alertname']
                  group_wait: 1s
                  group_interval: 1m
                  repeat_interval: 4h
                receivers:
                  - name: sink
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                """.formatted(amSink.url("/hook")));
        alertmanager = new ProcessBuilder(ALERTMANAGER.toString(),
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.external-url=" + EXTERNAL_URL,
                "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        alertmanagerUrl = URI.create("http://127.0.0.1:" + port);
        HttpSink.await(() -> status(alertmanagerUrl.resolve("/-/ready")) == 200, "Alertmanager to be ready");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly();
            }
        }
        if (amSink != null) {
            amSink.close();
            ourSink.close();
        }
    }

    @Test
    void alertmanagerReceivesGroupsAndNotifiesAsTheBuiltInDispatcher() throws IOException {
        long now = System.currentTimeMillis() / 1000 * 1000 + 123; // the alerts' own times, not a clock of ours
        List<PostableAlert> alerts = List.of(
                alert("HighLatency", "b:1", now), alert("HighLatency", "a:1", now), alert("Down", "a:1", now));
        try (AlertmanagerSender sender = new AlertmanagerSender(AlertmanagerSenderConfig.defaults(List.of(alertmanagerUrl)))) {
            sender.send(alerts);
            assertThat(sender.sendNextBatch()).isTrue();
            assertThat(sender.stats().sent()).containsEntry(alertmanagerUrl, 3L);
        }

        JsonArray received = get("/api/v2/alerts").getAsJsonArray();
        assertThat(received).hasSize(3);
        for (JsonElement element : received) {
            JsonObject alert = element.getAsJsonObject();
            Labels labels = labels(alert.getAsJsonObject("labels"));
            assertThat(alert.get("fingerprint").getAsString()).as("fingerprint of %s", labels)
                    .isEqualTo(Fingerprints.hex(Fingerprints.of(labels)));
            assertThat(alert.get("startsAt").getAsString()).isEqualTo(GoJson.openApiTime(now));
            assertThat(alert.getAsJsonObject("status").get("state").getAsString()).isEqualTo("active");
        }
        JsonArray groups = get("/api/v2/alerts/groups").getAsJsonArray();
        List<String> groupSizes = new ArrayList<>();
        for (JsonElement group : groups) {
            JsonObject g = group.getAsJsonObject();
            groupSizes.add(g.getAsJsonObject("labels").get("alertname").getAsString() + "=" + g.getAsJsonArray("alerts").size());
        }
        assertThat(groupSizes).containsExactlyInAnyOrder("HighLatency=2", "Down=1");

        List<HttpSink.Request> fromAlertmanager = amSink.awaitRequests(2);

        ManualClock clock = new ManualClock(now);
        WebhookReceiverConfig receiver = WebhookReceiverConfig.defaults("sink", ourSink.url("/hook"))
                .withGroupBy(List.of("alertname"))
                .withTimers(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(4));
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(List.of(receiver), EXTERNAL_URL, clock, new Random(1))) {
            dispatcher.send(alerts);
            clock.advance(Duration.ofSeconds(1));
            dispatcher.tick();
            List<HttpSink.Request> fromUs = ourSink.awaitRequests(2);
            assertThat(fromUs).extracting(HttpSink.Request::body)
                    .containsExactlyInAnyOrderElementsOf(fromAlertmanager.stream().map(HttpSink.Request::body).toList());
        }
    }

    private static PostableAlert alert(String name, String instance, long now) {
        return new PostableAlert(Labels.of("alertname", name, "instance", instance, "job", "api", "severity", "page"),
                Labels.of("summary", name + " on " + instance + " <b>&</b>"), now, now + 240_000,
                "http://sightline.test/graph?g0.expr=up%3D%3D0");
    }

    private static Labels labels(JsonObject object) {
        Labels.Builder builder = Labels.builder();
        object.entrySet().forEach(e -> builder.set(e.getKey(), e.getValue().getAsString()));
        return builder.build();
    }

    private JsonElement get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(alertmanagerUrl.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JsonParser.parseString(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int status(URI url) {
        try {
            return http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
