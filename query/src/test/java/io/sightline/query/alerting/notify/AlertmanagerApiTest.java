package io.sightline.query.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helidon.webserver.WebServer;
import io.sightline.query.api.prometheus.BuildInfo;

/** The API's JSON bytes and errors, compared with what Alertmanager 0.25 answers, on a manual clock. */
class AlertmanagerApiTest {
    private static final long T0 = Instant.parse("2024-05-06T07:00:00Z").toEpochMilli();

    private final ManualClock clock = new ManualClock(T0);
    private final HttpClient http = HttpClient.newHttpClient();
    private Notifications notifications;
    private WebServer server;

    @BeforeEach
    void start() {
        NotificationConfig config = new NotificationConfig(AlertmanagerSenderConfig.defaults(List.of()),
                List.of(WebhookReceiverConfig.defaults("ops", URI.create("http://127.0.0.1:1/hook"))), "",
                NotificationConfig.DEFAULT_TICK_INTERVAL);
        notifications = new Notifications(config, clock, new Random(1));
        AlertmanagerApi api = new AlertmanagerApi(notifications, AlertmanagerApiConfig.DEFAULT,
                new BuildInfo("0.25.0", "rev", "main", "ci", "20260101-12:00:00", "java25"));
        server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.register("/", api)).build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        notifications.close();
    }

    @Test
    void postedAlertsAreListedWithStatusesAsAlertmanagerWritesThem() {
        assertThat(call("POST", "/api/v2/alerts", "[{\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\","
                + "\"service_name\":\"x\"},\"annotations\":{\"s\":\"<1>\"},\"generatorURL\":\"http://g\"},"
                + "{\"labels\":{\"alertname\":\"B\",\"severity\":\"warning\",\"service_name\":\"x\"}}]"))
                .isEqualTo("200 ");
        String id = silenceIdOf(call("POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"alertname\","
                + "\"value\":\"A\",\"isRegex\":false,\"isEqual\":true}],\"startsAt\":\"2020-01-01T00:00:00Z\","
                + "\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}"));
        // The same bytes Alertmanager 0.25 answered for these requests (times and ids aside).
        assertThat(call("GET", "/api/v2/alerts", null)).isEqualTo("200 ["
                + "{\"annotations\":{\"s\":\"\\u003c1\\u003e\"},\"endsAt\":\"2024-05-06T07:05:00.000Z\",\"fingerprint\":\"20cfc1b20ff14876\","
                + "\"receivers\":[{\"name\":\"ops\"}],\"startsAt\":\"2024-05-06T07:00:00.000Z\",\"status\":{\"inhibitedBy\":[],"
                + "\"silencedBy\":[\"" + id + "\"],\"state\":\"suppressed\"},\"updatedAt\":\"2024-05-06T07:00:00.000Z\","
                + "\"generatorURL\":\"http://g\",\"labels\":{\"alertname\":\"A\",\"service_name\":\"x\",\"severity\":\"critical\"}},"
                + "{\"annotations\":{},\"endsAt\":\"2024-05-06T07:05:00.000Z\",\"fingerprint\":\"add791b96fb6508a\","
                + "\"receivers\":[{\"name\":\"ops\"}],\"startsAt\":\"2024-05-06T07:00:00.000Z\",\"status\":{\"inhibitedBy\":"
                + "[\"20cfc1b20ff14876\"],\"silencedBy\":[],\"state\":\"suppressed\"},\"updatedAt\":\"2024-05-06T07:00:00.000Z\","
                + "\"labels\":{\"alertname\":\"B\",\"service_name\":\"x\",\"severity\":\"warning\"}}]");
        assertThat(call("GET", "/api/v2/alerts?silenced=false&filter=alertname%3D~%22A%7CB%22", null)).contains("\"B\"")
                .doesNotContain("\"A\"");
        assertThat(call("GET", "/api/v2/alerts?receiver=op", null)).isEqualTo("200 []");
        assertThat(call("GET", "/api/v2/silences", null)).isEqualTo("200 [{\"id\":\"" + id + "\",\"status\":{\"state\":\"active\"},"
                + "\"updatedAt\":\"2024-05-06T07:00:00.000Z\",\"comment\":\"c\",\"createdBy\":\"me\",\"endsAt\":\"2030-01-01T00:00:00.000Z\","
                + "\"matchers\":[{\"isEqual\":true,\"isRegex\":false,\"name\":\"alertname\",\"value\":\"A\"}],"
                + "\"startsAt\":\"2024-05-06T07:00:00.000Z\"}]");
        assertThat(call("GET", "/api/v2/alerts/groups", null)).startsWith("200 [{\"alerts\":[{\"annotations\"")
                .endsWith("\"labels\":{},\"receiver\":{\"name\":\"ops\"}}]");

        clock.advance(Duration.ofMinutes(1));
        assertThat(call("DELETE", "/api/v2/silence/" + id, null)).isEqualTo("200 ");
        assertThat(call("GET", "/api/v2/silence/" + id, null)).contains("\"state\":\"expired\"")
                .contains("\"endsAt\":\"2024-05-06T07:01:00.000Z\"");
        assertThat(call("GET", "/api/v2/alerts?filter=alertname%3DA", null)).contains("\"silencedBy\":[],\"state\":\"active\"");
        clock.advance(Duration.ofMinutes(5)); // past the resolve timeout: resolved alerts are not listed
        assertThat(call("GET", "/api/v2/alerts", null)).isEqualTo("200 []");
    }

    @Test
    void errorsAsAlertmanagerAnswersThem() {
        String body = "{\"matchers\":[%s],\"startsAt\":\"2020-01-01T00:00:00Z\",\"endsAt\":\"%s\",\"createdBy\":\"me\",\"comment\":\"c\"}";
        assertThat(call("POST", "/api/v2/silences", body.formatted("", "2030-01-01T00:00:00Z")))
                .isEqualTo("422 {\"code\":612,\"message\":\"matchers in body should have at least 1 items\"}");
        assertThat(call("POST", "/api/v2/silences", body.formatted(
                "{\"name\":\"a\",\"value\":\".*\",\"isRegex\":true,\"isEqual\":true}", "2030-01-01T00:00:00Z")))
                .isEqualTo("400 \"silence invalid: at least one matcher must not match the empty string\"");
        assertThat(call("POST", "/api/v2/silences", body.formatted(
                "{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}", "2021-01-01T00:00:00Z")))
                .isEqualTo("400 \"Failed to create silence: end time can't be in the past\"");
        assertThat(call("POST", "/api/v2/silences", body.formatted(
                "{\"name\":\"a b\",\"value\":\"x\",\"isRegex\":false}", "2030-01-01T00:00:00Z")))
                .isEqualTo("400 \"silence invalid: invalid label matcher 0: invalid label name \\\"a b\\\"\"");
        assertThat(call("POST", "/api/v2/silences", body.formatted(
                "{\"name\":\"a\",\"value\":\"(x\",\"isRegex\":true}", "2030-01-01T00:00:00Z")))
                .startsWith("400 \"silence invalid: invalid label matcher 0: invalid regular expression \\\"(x\\\": ");
        assertThat(call("POST", "/api/v2/silences", "{\"id\":\"00000000-0000-0000-0000-000000000000\","
                + body.formatted("{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}", "2030-01-01T00:00:00Z").substring(1)))
                .isEqualTo("404 \"silence not found\"");
        assertThat(call("POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}],"
                + "\"startsAt\":\"2020-01-01T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\"}"))
                .isEqualTo("422 {\"code\":602,\"message\":\"comment in body is required\"}");
        assertThat(call("GET", "/api/v2/silence/nope", null))
                .isEqualTo("422 {\"code\":601,\"message\":\"silenceID in path must be of type uuid: \\\"nope\\\"\"}");
        assertThat(call("GET", "/api/v2/silence/00000000-0000-0000-0000-000000000000", null)).isEqualTo("404 ");
        assertThat(call("GET", "/api/v2/alerts?filter=foo", null)).isEqualTo("400 \"bad matcher format: foo\"");
        assertThat(call("POST", "/api/v2/alerts", "[{\"labels\":{}}]")).isEqualTo("400 \"at least one label pair required\"");
    }

    @Test
    void statusAndReceiversForAmtool() {
        assertThat(call("GET", "/api/v2/receivers", null)).isEqualTo("200 [{\"name\":\"ops\"}]");
        assertThat(call("GET", "/api/v2/status", null)).startsWith("200 {\"cluster\":{\"peers\":[],\"status\":\"disabled\"},"
                + "\"config\":{\"original\":\"route:\\n  receiver: \\\"ops\\\"\\n")
                .contains("\"uptime\":\"2024-05-06T07:00:00.000Z\"")
                .endsWith("\"versionInfo\":{\"branch\":\"main\",\"buildDate\":\"20260101-12:00:00\",\"buildUser\":\"ci\","
                        + "\"goVersion\":\"java25\",\"revision\":\"rev\",\"version\":\"0.25.0\"}}");
    }

    private static String silenceIdOf(String answer) {
        assertThat(answer).matches("200 \\{\"silenceID\":\"[0-9a-f-]{36}\"}");
        return answer.substring("200 {\"silenceID\":\"".length(), answer.length() - 2);
    }

    /** "status body". */
    private String call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
