package io.sightline.query.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.query.alerting.PostableAlert;
import io.sightline.storage.tsdb.Labels;

/**
 * The webhook dispatcher across a restart, on a manual clock against a real local HTTP sink: what was
 * notified before is read back from {@code nflog.json}, so the dedup decision after the restart is the
 * one Alertmanager makes from its {@code nflog} snapshot.
 */
class NotificationLogRestartTest {
    private static final long T0 = Instant.parse("2024-05-06T07:00:00Z").toEpochMilli();
    /** Validity Prometheus gives a firing alert: 4 × the 1 m resend delay. */
    private static final long VALID_MS = 240_000;

    @TempDir
    Path dir;

    private final HttpSink sink = new HttpSink();
    private final ManualClock clock = new ManualClock(T0);
    private final List<WebhookDispatcher> dispatchers = new ArrayList<>();
    private WebhookDispatcher dispatcher;
    private NotificationLog log;

    @AfterEach
    void close() {
        dispatchers.forEach(WebhookDispatcher::close);
        sink.close();
    }

    /** group_wait 30 s, group_interval 5 m, repeat_interval 1 h, grouped by alertname. */
    private WebhookReceiverConfig receiver(String name) {
        return WebhookReceiverConfig.defaults(name, sink.url("/" + name)).withGroupBy(List.of("alertname"))
                .withTimers(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1));
    }

    /** Builds the log from the directory and a dispatcher over it, as {@code Notifications} does at start. */
    private void start(WebhookReceiverConfig... receivers) {
        log = new NotificationLog(NotificationLogConfig.persistedIn(dir), clock.millis());
        dispatcher = new WebhookDispatcher(List.of(receivers), "http://sightline:9090/alerts", clock, new Random(1),
                nowMs -> Muting.NONE, log);
        dispatchers.add(dispatcher);
    }

    /** What {@code Notifications.close} does: deliveries in flight abandoned, then the log written. */
    private void stop() {
        dispatcher.close();
        log.snapshot();
    }

    private static PostableAlert firing(String instance, long now) {
        return new PostableAlert(Labels.of("alertname", "A", "instance", instance), Labels.EMPTY, T0, now + VALID_MS,
                "http://sightline:9090/graph");
    }

    /** The rule engine's resend of {@code instances} at T0 + {@code offset}, then the dispatcher's tick. */
    private void resendAndTick(Duration offset, String... instances) {
        moveTo(offset);
        List<PostableAlert> alerts = new ArrayList<>();
        for (String instance : instances) {
            alerts.add(firing(instance, clock.millis()));
        }
        dispatcher.send(alerts);
        dispatcher.tick();
        HttpSink.await(dispatcher::requestsAnswered, "requests to be answered");
    }

    private void moveTo(Duration offset) {
        clock.advance(Duration.ofMillis(T0 + offset.toMillis() - clock.millis()));
    }

    private long requestsTo(String receiver) {
        return sink.requests().stream().filter(r -> r.path().equals("/" + receiver)).count();
    }

    /** Before the restart: team-a notified of A on a:1 at T0 + 30 s, the log written at shutdown. */
    private void notifiedThenStopped() {
        start(receiver("team-a"));
        resendAndTick(Duration.ZERO, "a:1");
        resendAndTick(Duration.ofSeconds(30), "a:1");
        assertThat(sink.awaitRequests(1)).hasSize(1);
        stop();
    }

    @Test
    void aGroupNotifiedBeforeARestartWaitsForItsRepeatIntervalAfterIt() {
        notifiedThenStopped();

        moveTo(Duration.ofMinutes(10));
        start(receiver("team-a"), receiver("team-b"));
        // The alert started long before group_wait, so the new groups flush at once.
        resendAndTick(Duration.ofMinutes(10), "a:1");
        assertThat(sink.awaitRequests(2)).hasSize(2);
        assertThat(requestsTo("team-b")).as("a receiver without a log entry is notified as before").isEqualTo(1);
        assertThat(requestsTo("team-a")).as("notified before the restart").isEqualTo(1);
        for (int minutes = 15; minutes <= 60; minutes += 5) {
            resendAndTick(Duration.ofMinutes(minutes), "a:1");
        }
        // Last notification at +30 s: at the +60 m flush it is 59.5 m old, not yet older than repeat_interval.
        assertThat(requestsTo("team-a")).isEqualTo(1);
        resendAndTick(Duration.ofMinutes(65), "a:1");
        assertThat(sink.awaitRequests(3)).hasSize(3);
        assertThat(requestsTo("team-a")).as("repeated after repeat_interval, as without a restart").isEqualTo(2);
        assertThat(requestsTo("team-b")).isEqualTo(1);
    }

    @Test
    void aNewAlertInTheGroupIsNotifiedAtOnceAfterARestart() {
        notifiedThenStopped();

        moveTo(Duration.ofMinutes(10));
        start(receiver("team-a"));
        resendAndTick(Duration.ofMinutes(10), "a:1", "b:1");
        String body = sink.awaitRequests(2).get(1).body();
        assertThat(body).contains("\"instance\":\"a:1\"", "\"instance\":\"b:1\"");
    }

    @Test
    void anEntryExpiredBeforeTheRestartCountsAsNone() {
        notifiedThenStopped();

        // 2 × repeat_interval after the notification at +30 s, the entry has expired when the log is read.
        moveTo(Duration.ofSeconds(30).plusMinutes(120));
        start(receiver("team-a"));
        assertThat(log.size()).isZero();
        resendAndTick(Duration.ofSeconds(30).plusMinutes(120), "a:1");
        assertThat(sink.awaitRequests(2)).hasSize(2);
    }
}
