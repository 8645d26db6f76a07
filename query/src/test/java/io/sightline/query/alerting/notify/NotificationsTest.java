package io.sightline.query.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.query.alerting.PostableAlert;
import io.sightline.storage.tsdb.Labels;

class NotificationsTest {
    private static final long T0 = Instant.parse("2024-05-06T07:00:00Z").toEpochMilli();

    @Test
    void oneNotifierFeedsTheAlertmanagersAndTheWebhookReceiversOnItsOwnThreads() {
        try (HttpSink alertmanager = new HttpSink(); HttpSink webhook = new HttpSink()) {
            ManualClock clock = new ManualClock(T0);
            NotificationConfig config = new NotificationConfig(
                    AlertmanagerSenderConfig.defaults(List.of(alertmanager.url(""))),
                    List.of(WebhookReceiverConfig.defaults("ops", webhook.url("/hook"))),
                    "http://sightline:9090", Duration.ofMillis(10));
            try (Notifications notifications = new Notifications(config, clock, new Random(1))) {
                notifications.start();
                notifications.send(List.of(new PostableAlert(Labels.of("alertname", "A"), Labels.EMPTY, T0, T0 + 60_000, "")));
                assertThat(alertmanager.awaitRequests(1).getFirst().path()).isEqualTo("/api/v2/alerts");
                clock.advance(WebhookReceiverConfig.DEFAULT_GROUP_WAIT);
                assertThat(webhook.awaitRequests(1).getFirst().body()).contains("\"receiver\":\"ops\"");
                HttpSink.await(() -> notifications.webhookDispatcher().deliveryLog("ops").size() == 1, "the delivery log");
                HttpSink.await(() -> notifications.alertmanagerSender().stats().sent().get(alertmanager.url("")) == 1,
                        "the sent counter");
            }
        }
    }

    @Test
    void theNotificationLogIsWrittenEverySnapshotIntervalAndAtCloseAndReadAtStart(@TempDir Path dir) {
        try (HttpSink webhook = new HttpSink()) {
            ManualClock clock = new ManualClock(T0);
            NotificationConfig config = new NotificationConfig(AlertmanagerSenderConfig.defaults(List.of()),
                    List.of(WebhookReceiverConfig.defaults("ops", webhook.url("/hook")).withGroupBy(List.of("alertname"))),
                    "http://sightline:9090", Duration.ofMillis(10))
                    .withNotificationLog(NotificationLogConfig.persistedIn(dir).withSnapshotInterval(Duration.ofMinutes(15)));
            Path file = dir.resolve(NotificationLogFile.NAME);
            try (Notifications notifications = new Notifications(config, clock, new Random(1))) {
                notifications.receive(List.of(alert("A", T0, T0 + 3_600_000)));
                clock.advance(WebhookReceiverConfig.DEFAULT_GROUP_WAIT);
                notifications.tick();
                webhook.awaitRequests(1);
                HttpSink.await(notifications.webhookDispatcher()::requestsAnswered, "the delivery to be answered");
                assertThat(notifications.notificationLogSize()).isEqualTo(1);
                assertThat(file).doesNotExist();
                clock.advance(Duration.ofMinutes(15).minus(WebhookReceiverConfig.DEFAULT_GROUP_WAIT));
                notifications.tick();
                assertThat(file).as("written at the snapshot interval").isRegularFile();
                assertThat(new NotificationLog(config.notificationLog(), clock.millis()).size()).isEqualTo(1);

                notifications.receive(List.of(alert("B", clock.millis(), clock.millis() + 3_600_000)));
                clock.advance(WebhookReceiverConfig.DEFAULT_GROUP_WAIT);
                notifications.tick();
                webhook.awaitRequests(2);
                HttpSink.await(notifications.webhookDispatcher()::requestsAnswered, "the delivery to be answered");
            }
            try (Notifications again = new Notifications(config, clock, new Random(1))) {
                assertThat(again.notificationLogSize()).as("B's entry was written at close").isEqualTo(2);
            }
        }
    }

    private static PostableAlert alert(String name, long startsAt, long endsAt) {
        return new PostableAlert(Labels.of("alertname", name), Labels.EMPTY, startsAt, endsAt, "");
    }

    @Test
    void configurationIsCheckedUpFront() {
        URI url = URI.create("http://hook:8080/");
        assertThatThrownBy(() -> new NotificationConfig(AlertmanagerSenderConfig.defaults(List.of()),
                List.of(WebhookReceiverConfig.defaults("a", url), WebhookReceiverConfig.defaults("a", url)), "",
                NotificationConfig.DEFAULT_TICK_INTERVAL))
                .hasMessage("receiver name used twice: a");
        assertThatThrownBy(() -> WebhookReceiverConfig.defaults("a", url).withGroupBy(List.of("...", "job")))
                .hasMessageContaining("wildcard group_by");
        assertThatThrownBy(() -> WebhookReceiverConfig.defaults("a", URI.create("ftp://x/")))
                .hasMessageContaining("url must be http(s)");
        assertThatThrownBy(() -> AlertmanagerSenderConfig.defaults(List.of(URI.create("am:9093"))))
                .hasMessageContaining("alertmanager URL");
        assertThat(NotificationConfig.NONE.isEmpty()).isTrue();
    }

    @Test
    void alertsAreOrderedByJobThenInstanceThenLabelSets() {
        List<Labels> sorted = new java.util.ArrayList<>(List.of(
                Labels.of("alertname", "A", "z", "1"),
                Labels.of("alertname", "A"),
                Labels.of("alertname", "A", "instance", "b"),
                Labels.of("alertname", "A", "job", "x", "instance", "b"),
                Labels.of("alertname", "A", "job", "x", "instance", "a"),
                Labels.of("alertname", "A", "instance", "a", "y", "1")));
        sorted.sort(AlertOrder.INSTANCE);
        assertThat(sorted).containsExactly(
                Labels.of("alertname", "A", "job", "x", "instance", "a"),
                Labels.of("alertname", "A", "job", "x", "instance", "b"),
                Labels.of("alertname", "A", "instance", "a", "y", "1"),
                Labels.of("alertname", "A", "instance", "b"),
                Labels.of("alertname", "A"),
                Labels.of("alertname", "A", "z", "1"));
    }
}
