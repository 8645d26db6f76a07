package io.sightline.query.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.helidon.webserver.WebServer;
import io.sightline.query.api.prometheus.BuildInfo;

/**
 * Debian's real {@code amtool} ({@code prometheus-alertmanager}, installed by {@code .ci/run}) against
 * {@link AlertmanagerApi} over the built-in notifier: it adds alerts, queries them, silences one, and
 * the webhook sink must receive the silenced alert only after the silence is expired. Real clock (amtool
 * uses its own), real sockets. Skipped when amtool is missing.
 */
class AmtoolIT {
    private static final Path AMTOOL = Path.of("/usr/bin/amtool");

    @TempDir
    Path dir;
    private HttpSink sink;
    private Notifications notifications;
    private WebServer server;

    @BeforeEach
    void start() {
        assumeTrue(Files.isExecutable(AMTOOL), "amtool is not installed");
        sink = new HttpSink();
        WebhookReceiverConfig receiver = WebhookReceiverConfig.defaults("ops", sink.url("/hook"))
                .withGroupBy(List.of("alertname"))
                .withTimers(Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofHours(4));
        NotificationConfig config = new NotificationConfig(AlertmanagerSenderConfig.defaults(List.of()),
                List.of(receiver), "", Duration.ofMillis(50))
                .withSilences(SilencesConfig.persistedIn(dir));
        notifications = new Notifications(config, InstantSource.system(), new Random(7));
        notifications.start();
        AlertmanagerApi api = new AlertmanagerApi(notifications, AlertmanagerApiConfig.DEFAULT,
                new BuildInfo("0.25.0", "sightline", "main", "ci", "20260101-12:00:00", "java25"));
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.register("/", api))
                .build().start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (notifications != null) {
            notifications.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void amtoolAddsQueriesSilencesAndExpires() {
        String silenceId = amtool("silence", "add", "alertname=Muted", "--author=alice", "--comment=maintenance window",
                "--duration=1h").strip();
        assertThat(silenceId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        amtool("alert", "add", "Muted", "severity=warning", "service_name=checkout", "--annotation=summary=muted one");
        amtool("alert", "add", "Loud", "severity=warning", "service_name=payments", "--annotation=summary=loud one");

        String active = amtool("alert", "query");
        assertThat(active).contains("Loud").contains("loud one").doesNotContain("Muted");
        assertThat(amtool("alert", "query", "--silenced")).contains("Muted").contains("suppressed")
                .doesNotContain("Loud");
        assertThat(amtool("alert", "query", "--active", "--silenced")).contains("Loud").contains("Muted");
        assertThat(amtool("alert", "query", "alertname=Loud")).contains("Loud").doesNotContain("Muted");

        String silences = amtool("silence", "query");
        assertThat(silences).contains(silenceId).contains("alice").contains("maintenance window")
                .contains("alertname=\"Muted\"");
        assertThat(amtool("silence", "query", "-q", "alertname=Muted").strip()).isEqualTo(silenceId);

        HttpSink.await(() -> bodies().stream().anyMatch(b -> b.contains("\"Loud\"")), "Loud to be notified");
        // Both groups were created together and Muted's first: its flush has run, and sent nothing.
        assertThat(bodies()).noneMatch(b -> b.contains("\"Muted\""));

        amtool("silence", "expire", silenceId);
        assertThat(amtool("silence", "query").strip()).doesNotContain(silenceId);
        assertThat(amtool("silence", "query", "--expired")).contains(silenceId);
        HttpSink.await(() -> bodies().stream().anyMatch(b -> b.contains("\"Muted\"")),
                "Muted to be notified once its silence expired");
        assertThat(amtool("alert", "query")).contains("Muted").contains("Loud");
    }

    private List<String> bodies() {
        return sink.requests().stream().map(HttpSink.Request::body).toList();
    }

    /** Runs amtool against the server; returns its standard output, failing on a non-zero exit. */
    private String amtool(String... args) {
        List<String> command = new ArrayList<>(List.of(AMTOOL.toString(),
                "--alertmanager.url=http://127.0.0.1:" + server.port()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("amtool finished").isTrue();
            String text = new String(out, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("amtool %s: %s", command, text).isZero();
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
