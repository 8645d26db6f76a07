package io.sightline.query.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sightline.query.alerting.PostableAlert;
import io.sightline.storage.tsdb.Labels;

/** Silenced and inhibited alerts stay out of webhook notifications; a lifted silence lets them through. */
class NotificationsMutingTest {
    private static final long T0 = Instant.parse("2024-05-06T07:00:00Z").toEpochMilli();

    private final HttpSink sink = new HttpSink();
    private final ManualClock clock = new ManualClock(T0);
    private final Notifications notifications = new Notifications(new NotificationConfig(
            AlertmanagerSenderConfig.defaults(List.of()),
            List.of(WebhookReceiverConfig.defaults("ops", sink.url("/hook")).withGroupBy(List.of("alertname"))),
            "", NotificationConfig.DEFAULT_TICK_INTERVAL), clock, new Random(1));

    @AfterEach
    void close() {
        notifications.close();
        sink.close();
    }

    private static PostableAlert alert(String name, String severity) {
        return new PostableAlert(Labels.of("alertname", name, "severity", severity, "service_name", "checkout"),
                Labels.EMPTY, T0, T0 + 3_600_000, "");
    }

    private void tickAfter(Duration d) {
        clock.advance(d);
        notifications.tick();
        HttpSink.await(notifications.webhookDispatcher()::requestsAnswered, "requests answered");
    }

    @Test
    void mutedAlertsAreNotNotifiedUntilTheirSilenceExpires() {
        String silence = notifications.silences().set(new Silence("", List.of(AlertmanagerMatchers.parse("alertname=Quiet")),
                T0, T0 + 3_600_000, 0, "alice", "maintenance"));
        notifications.send(List.of(alert("Quiet", "critical"), alert("Down", "page"), alert("Slow", "warning")));
        tickAfter(Duration.ofSeconds(30));
        List<HttpSink.Request> requests = sink.awaitRequests(1);
        tickAfter(Duration.ofSeconds(1));
        assertThat(sink.requests()).hasSize(1);
        assertThat(requests.getFirst().body()).contains("\"Down\"");
        assertThat(notifications.status(alert("Slow", "warning").labels()).inhibitedBy()).hasSize(1);

        notifications.silences().expire(silence);
        tickAfter(Duration.ofMinutes(5)); // the group interval
        assertThat(sink.awaitRequests(2).get(1).body()).contains("\"Quiet\"");
        assertThat(sink.requests()).noneMatch(r -> r.body().contains("\"Slow\""));
    }
}
