package io.sightline.appliance.alerting;

import static io.sightline.appliance.traces.TraceClient.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import io.sightline.appliance.ConfigException;
import io.sightline.appliance.Sightline;
import io.sightline.appliance.traces.TraceClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule files through the running appliance: a recording rule's series read by an alerting rule of
 * the same group at the same evaluation, the alert in {@code /api/v1/alerts}, {@code ALERTS} in the
 * TSDB, {@code /api/v1/rules}, and reloads: a bad file keeps the old rules and answers 500 naming
 * the problem, a good one replaces them. A bad file at start-up stops it, naming the option.
 */
class RulesIT {
    private static final String RULES = """
            groups:
              - name: demo
                interval: 1s
                rules:
                  - record: demo:one
                    expr: vector(1)
                  - alert: DemoAlwaysFiring
                    expr: demo:one > 0
                    labels:
                      severity: page
                    annotations:
                      summary: "value {{ humanize $value }} for {{ $externalLabels.site }}"
            """;

    /** A delivered (answered, so logged) notification to ops, in /metrics. */
    private static final Pattern DELIVERED_TO_OPS =
            Pattern.compile("^sightline_webhook_notifications_total\\{receiver=\"ops\"} 1(\\.0)?$", Pattern.MULTILINE);
    /** How long ops must stay quiet after the restart: three group intervals. */
    private static final Duration QUIET_WINDOW = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void rulesEvaluateAndAlertAndReload() throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yml"), RULES);
        Path data = Files.createDirectory(dir.resolve("data"));
        try (Sightline sightline = Sightline.start(Sightline.config(data).ephemeralPorts().set("rules.builtin-red", "false").set("rules.files", file.toString())
                .set("rules.external-labels", "site=lab"))) {
            TraceClient api = new TraceClient(sightline.httpEndpoint().getPort());
            JsonElement alerts = api.poll("/api/v1/alerts", answer -> alerts(answer).size() == 1
                    && "firing".equals(alerts(answer).get(0).getAsJsonObject().get("state").getAsString()));
            JsonObject alert = alerts(alerts).get(0).getAsJsonObject();
            assertThat(alert.getAsJsonObject("labels").get("alertname").getAsString()).isEqualTo("DemoAlwaysFiring");
            assertThat(alert.getAsJsonObject("labels").get("severity").getAsString()).isEqualTo("page");
            assertThat(alert.getAsJsonObject("annotations").get("summary").getAsString()).isEqualTo("value 1 for lab");
            api.poll("/api/v1/query?query=" + enc("ALERTS{alertname=\"DemoAlwaysFiring\",alertstate=\"firing\"}"),
                    answer -> !answer.getAsJsonObject().getAsJsonObject("data").getAsJsonArray("result").isEmpty());
            assertThat(api.json("/api/v1/query?query=" + enc("demo:one")).getAsJsonObject().getAsJsonObject("data")
                    .getAsJsonArray("result")).hasSize(1);
            JsonObject group = api.json("/api/v1/rules").getAsJsonObject().getAsJsonObject("data").getAsJsonArray("groups")
                    .get(0).getAsJsonObject();
            assertThat(group.get("name").getAsString()).isEqualTo("demo");
            assertThat(group.getAsJsonArray("rules")).hasSize(2)
                    .allSatisfy(rule -> assertThat(rule.getAsJsonObject().get("health").getAsString()).isEqualTo("ok"));

            Files.writeString(file, "groups:\n  - name: broken\n    rules:\n      - record: x\n        expr: sum(\n");
            HttpResponse<String> refused = post(sightline, "/-/reload");
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.body()).contains("rules.yml").contains("previous rules stay");
            assertThat(groupNames(api)).containsExactly("demo");

            Files.writeString(file, RULES.replace("name: demo", "name: renamed"));
            assertThat(post(sightline, "/-/reload").statusCode()).isEqualTo(200);
            assertThat(groupNames(api)).containsExactly("renamed");
        }
    }

    @Test
    void aFiringAlertReachesAWebhookReceiverInAlertmanagersPayload() throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yml"), RULES);
        Path data = Files.createDirectory(dir.resolve("data"));
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sink.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sink.start();
        try (Sightline sightline = Sightline.start(Sightline.config(data).ephemeralPorts().set("rules.builtin-red", "false").set("rules.files", file.toString())
                .set("alerting.webhook-urls", "ops=http://127.0.0.1:" + sink.getAddress().getPort() + "/hook")
                .set("alerting.group-wait", "200ms").set("alerting.group-by", "alertname"))) {
            long deadline = System.nanoTime() + TraceClient.POLL_DEADLINE.toNanos();
            while (bodies.isEmpty() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000_000);
            }
            assertThat(bodies).as("webhook notifications").isNotEmpty();
            JsonObject payload = JsonParser.parseString(bodies.getFirst()).getAsJsonObject();
            assertThat(payload.get("version").getAsString()).isEqualTo("4");
            assertThat(payload.get("receiver").getAsString()).isEqualTo("ops");
            assertThat(payload.get("status").getAsString()).isEqualTo("firing");
            assertThat(payload.getAsJsonObject("groupLabels").get("alertname").getAsString()).isEqualTo("DemoAlwaysFiring");
            JsonObject alert = payload.getAsJsonArray("alerts").get(0).getAsJsonObject();
            assertThat(alert.getAsJsonObject("labels").get("severity").getAsString()).isEqualTo("page");
            assertThat(alert.get("generatorURL").getAsString()).contains("/graph?g0.expr=");
            TraceClient api = new TraceClient(sightline.httpEndpoint().getPort());
            String metrics = api.get("/metrics").body();
            assertThat(metrics).contains("sightline_webhook_notifications_total{receiver=\"ops\"}")
                    .contains("sightline_rule_group_rules{file=\"" + file + "\",rule_group=\"demo\"} 2");
        } finally {
            sink.stop(0);
        }
    }

    @Test
    void logRulesSloFilesAndTheBuiltInPackLoadBesideEachOther() throws Exception {
        Path logRules = Files.writeString(dir.resolve("logs.yml"), """
                groups:
                  - name: log-errors
                    interval: 1s
                    rules:
                      - alert: CheckoutLogsErrors
                        expr: sum by (service_name) (count_over_time({service_name="checkout"} |= "error" [5m])) > 1
                        annotations: {summary: "{{ $value }} error lines"}
                """);
        Path slos = Files.writeString(dir.resolve("slo.yml"), """
                slos:
                  - name: checkout-availability
                    service: checkout
                    objective: 99.9
                    window: 30d
                """);
        Path data = Files.createDirectory(dir.resolve("data"));
        try (Sightline sightline = Sightline.start(Sightline.config(data).ephemeralPorts()
                .set("rules.logql-files", logRules.toString()).set("rules.slo-files", slos.toString()))) {
            long nowNanos = System.currentTimeMillis() * 1_000_000L;
            String push = """
                    {"streams":[{"stream":{"service_name":"checkout"},"values":[["%d","payment error: card declined"],
                    ["%d","db error: timeout"],["%d","order placed"]]}]}""".formatted(nowNanos - 3_000_000, nowNanos - 2_000_000, nowNanos - 1_000_000);
            HttpResponse<String> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    sightline.httpEndpoint().resolve("/loki/api/v1/push")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(push)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(204);
            TraceClient api = new TraceClient(sightline.httpEndpoint().getPort());
            JsonElement alerts = api.poll("/api/v1/alerts", answer -> alerts(answer).asList().stream()
                    .anyMatch(a -> a.getAsJsonObject().getAsJsonObject("labels").get("alertname").getAsString().equals("CheckoutLogsErrors")
                            && a.getAsJsonObject().get("state").getAsString().equals("firing")));
            assertThat(alerts(alerts).asList()).anySatisfy(a -> assertThat(a.getAsJsonObject().getAsJsonObject("annotations")
                    .get("summary").getAsString()).isEqualTo("2 error lines"));
            assertThat(groupNames(api)).contains("sightline-red", "slo:checkout-availability", "log-errors");
        }
    }

    @Test
    void aSilenceMadeThroughAlertmanagersApiSurvivesARestart() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        String silence = """
                {"matchers":[{"name":"alertname","value":"DemoAlwaysFiring","isRegex":false,"isEqual":true}],
                 "startsAt":"%s","endsAt":"%s","createdBy":"ops","comment":"maintenance"}"""
                .formatted(java.time.Instant.now(), java.time.Instant.now().plusSeconds(3600));
        String id;
        try (Sightline sightline = Sightline.start(Sightline.config(data).ephemeralPorts())) {
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    sightline.httpEndpoint().resolve("/api/v2/silences")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(silence)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            id = JsonParser.parseString(created.body()).getAsJsonObject().get("silenceID").getAsString();
        }
        try (Sightline again = Sightline.start(Sightline.config(data).ephemeralPorts())) {
            TraceClient api = new TraceClient(again.httpEndpoint().getPort());
            JsonArray silences = api.json("/api/v2/silences").getAsJsonArray();
            assertThat(silences).hasSize(1);
            JsonObject kept = silences.get(0).getAsJsonObject();
            assertThat(kept.get("id").getAsString()).isEqualTo(id);
            assertThat(kept.getAsJsonObject("status").get("state").getAsString()).isEqualTo("active");
            assertThat(kept.get("comment").getAsString()).isEqualTo("maintenance");
            assertThat(api.get("/api/v2/status").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aGroupNotifiedBeforeARestartIsNotNotifiedAgainWithinTheRepeatInterval() throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yml"), RULES);
        Path data = Files.createDirectory(dir.resolve("data"));
        Map<String, List<String>> received = new ConcurrentHashMap<>();
        HttpServer sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sink.createContext("/", exchange -> {
            received.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new CopyOnWriteArrayList<>())
                    .add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sink.start();
        String hook = "http://127.0.0.1:" + sink.getAddress().getPort();
        // A 1 s group interval: after the restart the group flushes every second, and each flush must find it notified.
        Sightline.Config config = Sightline.config(data).ephemeralPorts().set("rules.builtin-red", "false")
                .set("rules.files", file.toString()).set("alerting.group-wait", "200ms").set("alerting.group-interval", "1s")
                .set("alerting.repeat-interval", "1h").set("alerting.group-by", "alertname");
        try {
            try (Sightline sightline = Sightline.start(config.set("alerting.webhook-urls", "ops=" + hook + "/ops"))) {
                await(() -> !received.getOrDefault("/ops", List.of()).isEmpty(), "the first notification");
                TraceClient api = new TraceClient(sightline.httpEndpoint().getPort());
                await(() -> DELIVERED_TO_OPS.matcher(api.get("/metrics").body()).find(), "the delivery to be counted");
            }
            assertThat(data.resolve("alerting").resolve("nflog.json")).content()
                    .contains("\"receiver\":\"ops\"", "\"groupKey\":\"{}:{alertname=\\\"DemoAlwaysFiring\\\"}\"");

            // The same receiver and a new one: the new one is notified as before, which also shows the group flushed.
            try (Sightline again = Sightline.start(config.set("alerting.webhook-urls",
                    "ops=" + hook + "/ops,oncall=" + hook + "/oncall"))) {
                await(() -> !received.getOrDefault("/oncall", List.of()).isEmpty(), "the new receiver's notification");
                long quietUntil = System.nanoTime() + QUIET_WINDOW.toNanos();
                while (System.nanoTime() < quietUntil) {
                    assertThat(received.get("/ops")).as("notifications to ops after the restart").hasSize(1);
                    LockSupport.parkNanos(50_000_000);
                }
                assertThat(JsonParser.parseString(received.get("/oncall").getFirst()).getAsJsonObject()
                        .get("groupKey").getAsString()).isEqualTo("{}:{alertname=\"DemoAlwaysFiring\"}");
            }
        } finally {
            sink.stop(0);
        }
    }

    /** Polls {@code condition} until it holds, failing after {@link TraceClient#POLL_DEADLINE}. */
    private static void await(Check condition, String what) throws Exception {
        long deadline = System.nanoTime() + TraceClient.POLL_DEADLINE.toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            LockSupport.parkNanos(20_000_000);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    @Test
    void aBadRuleFileAtStartUpStopsItNamingTheOption() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yml"), "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up ==\n");
        Path data = Files.createDirectory(dir.resolve("data"));
        assertThatThrownBy(() -> Sightline.start(Sightline.config(data).ephemeralPorts().set("rules.builtin-red", "false").set("rules.files", file.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--rules.files").hasMessageContaining("bad.yml");
        Path logQuery = Files.writeString(dir.resolve("logquery.yml"),
                "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: '{service_name=\"x\"} |= \"error\"'\n");
        assertThatThrownBy(() -> Sightline.start(Sightline.config(data).ephemeralPorts().set("rules.logql-files", logQuery.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("logquery.yml").hasMessageContaining("not a log query");
    }

    private static JsonArray alerts(JsonElement answer) {
        return answer.getAsJsonObject().getAsJsonObject("data").getAsJsonArray("alerts");
    }

    private static List<String> groupNames(TraceClient api) throws Exception {
        return api.json("/api/v1/rules").getAsJsonObject().getAsJsonObject("data").getAsJsonArray("groups").asList().stream()
                .map(g -> g.getAsJsonObject().get("name").getAsString()).toList();
    }

    private static HttpResponse<String> post(Sightline sightline, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(sightline.httpEndpoint().resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
