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

/**
 * The dispatcher's grouping, timers, dedup and retries on a manual clock, against a real local HTTP
 * sink: every expectation is on what the sink received.
 */
class WebhookDispatcherTest {
    private static final long T0 = Instant.parse("2024-05-06T07:00:00Z").toEpochMilli();
    /** Validity Prometheus gives a firing alert: 4 × the 1 m resend delay. */
    private static final long VALID_MS = 240_000;

    private final HttpSink sink = new HttpSink();
    private final ManualClock clock = new ManualClock(T0);
    private WebhookDispatcher dispatcher;

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        sink.close();
    }

    private WebhookReceiverConfig receiver() {
        return WebhookReceiverConfig.defaults("team-a", sink.url("/hook"))
                .withGroupBy(List.of("alertname"))
                .withRetry(new RetryPolicy(Duration.ofMillis(500), 1.5, Duration.ofSeconds(60), 0, 0, Duration.ZERO));
    }

    private void start(WebhookReceiverConfig... receivers) {
        dispatcher = new WebhookDispatcher(List.of(receivers), "http://sightline:9090/alerts", clock, new Random(1));
    }

    private static PostableAlert firing(String name, String instance, long startsAt, long now) {
        return new PostableAlert(Labels.of("alertname", name, "instance", instance, "job", "api"),
                Labels.of("summary", name + " on " + instance), startsAt, now + VALID_MS, "http://sightline:9090/graph");
    }

    private static PostableAlert resolved(PostableAlert alert, long at) {
        return new PostableAlert(alert.labels(), alert.annotations(), alert.startsAtMs(), at, alert.generatorUrl());
    }

    /** Moves the clock to T0 + {@code offset}, ticks and waits until deliveries are answered. */
    private void tickAt(Duration offset) {
        clock.advance(Duration.ofMillis(T0 + offset.toMillis() - clock.millis()));
        dispatcher.tick();
        HttpSink.await(dispatcher::requestsAnswered, "requests to be answered");
    }

    @Test
    void firstNotificationAfterGroupWaitWithTheExactPayload() {
        start(receiver());
        dispatcher.send(List.of(firing("HighLatency", "b:1", T0, T0), firing("HighLatency", "a:1", T0, T0)));
        tickAt(Duration.ofSeconds(29));
        assertThat(sink.requests()).isEmpty();
        tickAt(Duration.ofSeconds(30));
        HttpSink.Request request = sink.awaitRequests(1).getFirst();
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo("{\"receiver\":\"team-a\",\"status\":\"firing\",\"alerts\":["
                + "{\"status\":\"firing\",\"labels\":{\"alertname\":\"HighLatency\",\"instance\":\"a:1\",\"job\":\"api\"},"
                + "\"annotations\":{\"summary\":\"HighLatency on a:1\"},\"startsAt\":\"2024-05-06T07:00:00Z\","
                + "\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://sightline:9090/graph\","
                + "\"fingerprint\":\"" + fingerprint("HighLatency", "a:1") + "\"},"
                + "{\"status\":\"firing\",\"labels\":{\"alertname\":\"HighLatency\",\"instance\":\"b:1\",\"job\":\"api\"},"
                + "\"annotations\":{\"summary\":\"HighLatency on b:1\"},\"startsAt\":\"2024-05-06T07:00:00Z\","
                + "\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://sightline:9090/graph\","
                + "\"fingerprint\":\"" + fingerprint("HighLatency", "b:1") + "\"}],"
                + "\"groupLabels\":{\"alertname\":\"HighLatency\"},"
                + "\"commonLabels\":{\"alertname\":\"HighLatency\",\"job\":\"api\"},\"commonAnnotations\":{},"
                + "\"externalURL\":\"http://sightline:9090/alerts\",\"version\":\"4\","
                + "\"groupKey\":\"{}:{alertname=\\\"HighLatency\\\"}\",\"truncatedAlerts\":0}\n");
        assertThat(dispatcher.deliveryLog("team-a")).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(DeliveryAttempt.Outcome.DELIVERED);
            assertThat(a.httpStatus()).isEqualTo(200);
            assertThat(a.attempt()).isEqualTo(1);
            assertThat(a.groupKey()).isEqualTo("{}:{alertname=\"HighLatency\"}");
            assertThat(a.timeMs()).isEqualTo(T0 + 30_000);
            assertThat(a.alerts()).isEqualTo(2);
        });
    }

    private static String fingerprint(String name, String instance) {
        return Fingerprints.hex(Fingerprints.of(Labels.of("alertname", name, "instance", instance, "job", "api")));
    }

    @Test
    void changesWaitForTheGroupIntervalAndEachAlertnameIsAGroup() {
        start(receiver());
        dispatcher.send(List.of(firing("A", "a:1", T0, T0)));
        tickAt(Duration.ofSeconds(30));
        assertThat(sink.awaitRequests(1)).hasSize(1);

        long t = T0 + 60_000;
        clock.advance(Duration.ofMillis(t - clock.millis()));
        dispatcher.send(List.of(firing("A", "a:1", T0, t), firing("A", "b:1", t, t), firing("B", "a:1", t, t)));
        tickAt(Duration.ofSeconds(89));
        assertThat(sink.requests()).hasSize(1);
        tickAt(Duration.ofSeconds(90)); // B's own group waits group_wait from its creation
        assertThat(sink.awaitRequests(2).get(1).body()).contains("\"groupKey\":\"{}:{alertname=\\\"B\\\"}\"");
        tickAt(Duration.ofSeconds(30 + 299));
        assertThat(sink.requests()).hasSize(2);
        tickAt(Duration.ofSeconds(30 + 300)); // A's next flush: one group interval after its first
        String body = sink.awaitRequests(3).get(2).body();
        assertThat(body).contains("\"groupKey\":\"{}:{alertname=\\\"A\\\"}\"", "\"instance\":\"a:1\"", "\"instance\":\"b:1\"");
    }

    @Test
    void anUnchangedGroupIsRepeatedAfterTheRepeatIntervalAtAFlush() {
        start(receiver().withTimers(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1)));
        dispatcher.send(List.of(firing("A", "a:1", T0, T0)));
        tickAt(Duration.ofSeconds(30));
        for (int minutes = 5; minutes <= 60; minutes += 5) {
            resend(Duration.ofSeconds(30).plusMinutes(minutes));
        }
        // Alertmanager repeats when the last notification is strictly older than repeat_interval at a flush:
        // not at +60 m (exactly one hour), but at the flush after.
        assertThat(sink.requests()).hasSize(1);
        resend(Duration.ofSeconds(30).plusMinutes(65));
        assertThat(sink.awaitRequests(2)).hasSize(2);
        assertThat(sink.requests().get(1).body()).isEqualTo(sink.requests().get(0).body());
    }

    /** The rule engine's resend at T0 + offset, then the tick. */
    private void resend(Duration offset) {
        clock.advance(Duration.ofMillis(T0 + offset.toMillis() - clock.millis()));
        dispatcher.send(List.of(firing("A", "a:1", T0, clock.millis())));
        tickAt(offset);
    }

    @Test
    void resolvedAlertsAreNotifiedThenForgotten() {
        start(receiver());
        PostableAlert a = firing("A", "a:1", T0, T0);
        PostableAlert b = firing("A", "b:1", T0, T0);
        dispatcher.send(List.of(a, b));
        tickAt(Duration.ofSeconds(30));
        long resolvedAt = T0 + 100_000;
        clock.advance(Duration.ofMillis(resolvedAt - clock.millis()));
        dispatcher.send(List.of(resolved(a, resolvedAt), firing("A", "b:1", T0, resolvedAt)));
        tickAt(Duration.ofSeconds(330));
        String body = sink.awaitRequests(2).get(1).body();
        assertThat(body).startsWith("{\"receiver\":\"team-a\",\"status\":\"firing\",\"alerts\":[{\"status\":\"resolved\","
                + "\"labels\":{\"alertname\":\"A\",\"instance\":\"a:1\",\"job\":\"api\"}");
        assertThat(body).contains("\"endsAt\":\"2024-05-06T07:01:40Z\"");

        clock.advance(Duration.ofSeconds(1));
        dispatcher.send(List.of(resolved(b, clock.millis())));
        tickAt(Duration.ofSeconds(630));
        String last = sink.awaitRequests(3).get(2).body();
        assertThat(last).contains("\"status\":\"resolved\",\"alerts\":[{\"status\":\"resolved\"");
        assertThat(last).doesNotContain("\"instance\":\"a:1\""); // a was forgotten after its notification
        assertThat(dispatcher.stats("team-a").groups()).isZero();
        tickAt(Duration.ofSeconds(930));
        assertThat(sink.requests()).hasSize(3);
    }

    @Test
    void withoutSendResolvedOnlyNewFiringAlertsNotify() {
        start(receiver().withSendResolved(false));
        PostableAlert a = firing("A", "a:1", T0, T0);
        PostableAlert b = firing("A", "b:1", T0, T0);
        dispatcher.send(List.of(a, b));
        tickAt(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(60));
        dispatcher.send(List.of(resolved(a, clock.millis()), firing("A", "b:1", T0, clock.millis())));
        tickAt(Duration.ofSeconds(330));
        assertThat(sink.requests()).hasSize(1);

        clock.advance(Duration.ofSeconds(60));
        dispatcher.send(List.of(resolved(b, clock.millis())));
        tickAt(Duration.ofSeconds(630)); // all resolved: logged, nothing sent
        assertThat(sink.requests()).hasSize(1);
        assertThat(dispatcher.stats("team-a").groups()).isZero();

        clock.advance(Duration.ofSeconds(60));
        dispatcher.send(List.of(firing("A", "a:1", clock.millis(), clock.millis())));
        tickAt(Duration.ofSeconds(690 + 30));
        String body = sink.awaitRequests(2).get(1).body();
        assertThat(body).contains("\"status\":\"firing\"").doesNotContain("\"status\":\"resolved\"");
    }

    @Test
    void maxAlertsTruncatesAndCountsTheRest() {
        start(receiver().withMaxAlerts(2));
        dispatcher.send(List.of(firing("A", "c:1", T0, T0), firing("A", "a:1", T0, T0), firing("A", "b:1", T0, T0)));
        tickAt(Duration.ofSeconds(30));
        String body = sink.awaitRequests(1).getFirst().body();
        assertThat(body).contains("\"instance\":\"a:1\"", "\"instance\":\"b:1\"").doesNotContain("\"instance\":\"c:1\"");
        assertThat(body).endsWith("\"truncatedAlerts\":1}\n");
        assertThat(dispatcher.deliveryLog("team-a").getFirst().alerts()).isEqualTo(2);
    }

    @Test
    void groupByAllLabelsMakesAGroupPerAlert() {
        start(receiver().withGroupBy(List.of("...")));
        dispatcher.send(List.of(firing("A", "a:1", T0, T0), firing("A", "b:1", T0, T0)));
        tickAt(Duration.ofSeconds(30));
        assertThat(sink.awaitRequests(2)).extracting(HttpSink.Request::body)
                .anyMatch(b -> b.contains("\"groupKey\":\"{}:{alertname=\\\"A\\\", instance=\\\"a:1\\\", job=\\\"api\\\"}\""))
                .anyMatch(b -> b.contains("\"groupKey\":\"{}:{alertname=\\\"A\\\", instance=\\\"b:1\\\", job=\\\"api\\\"}\""));
    }

    @Test
    void anAlertOlderThanGroupWaitFlushesANewGroupAtOnce() {
        start(receiver());
        dispatcher.send(List.of(firing("A", "a:1", T0 - 60_000, T0)));
        tickAt(Duration.ZERO);
        assertThat(sink.awaitRequests(1)).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackoff() {
        start(receiver());
        sink.answer(500, 502);
        dispatcher.send(List.of(firing("A", "a:1", T0, T0)));
        tickAt(Duration.ofSeconds(30));
        assertThat(sink.awaitRequests(1)).hasSize(1);
        tickAt(Duration.ofMillis(30_499));
        assertThat(sink.requests()).hasSize(1);
        tickAt(Duration.ofMillis(30_500)); // 500 ms after the first failure
        assertThat(sink.awaitRequests(2)).hasSize(2);
        tickAt(Duration.ofMillis(30_500 + 749));
        assertThat(sink.requests()).hasSize(2);
        tickAt(Duration.ofMillis(30_500 + 750)); // × 1.5
        assertThat(sink.awaitRequests(3)).hasSize(3);
        assertThat(dispatcher.deliveryLog("team-a"))
                .extracting(DeliveryAttempt::outcome, DeliveryAttempt::attempt, DeliveryAttempt::httpStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DeliveryAttempt.Outcome.RETRYING, 1, 500),
                        org.assertj.core.groups.Tuple.tuple(DeliveryAttempt.Outcome.RETRYING, 2, 502),
                        org.assertj.core.groups.Tuple.tuple(DeliveryAttempt.Outcome.DELIVERED, 3, 200));
        assertThat(dispatcher.stats("team-a")).isEqualTo(new WebhookDispatcher.ReceiverStats(3, 2, 1, 0, 0, 1));
    }

    @Test
    void clientErrorsAreNotRetriedAndTheGroupIsNotifiedAgainAtItsNextFlush() {
        start(receiver());
        sink.answer(400);
        dispatcher.send(List.of(firing("A", "a:1", T0, T0)));
        tickAt(Duration.ofSeconds(30));
        tickAt(Duration.ofSeconds(200));
        assertThat(sink.requests()).hasSize(1);
        assertThat(dispatcher.deliveryLog("team-a")).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(DeliveryAttempt.Outcome.FAILED);
            assertThat(a.error()).isEqualTo("unexpected status code 400");
        });
        clock.advance(Duration.ofSeconds(100));
        dispatcher.send(List.of(firing("A", "a:1", T0, clock.millis())));
        tickAt(Duration.ofSeconds(330)); // not logged as notified: the next flush sends again
        assertThat(sink.awaitRequests(2)).hasSize(2);
    }

    @Test
    void retryingStopsAtMaxAttemptsOrTheDeadline() {
        start(receiver().withRetry(new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(60), 0, 2, Duration.ZERO)),
                WebhookReceiverConfig.defaults("team-b", sink.url("/b")).withGroupBy(List.of("alertname"))
                        .withRetry(new RetryPolicy(Duration.ofSeconds(4), 2, Duration.ofSeconds(60), 0, 0, Duration.ofSeconds(10))));
        sink.answer(500, 500, 500, 500, 500, 500);
        dispatcher.send(List.of(firing("A", "a:1", T0, T0)));
        tickAt(Duration.ofSeconds(30));
        tickAt(Duration.ofSeconds(31));
        tickAt(Duration.ofSeconds(34)); // team-b: 4 s after its first failure
        tickAt(Duration.ofSeconds(42)); // team-b: 8 s later, past its 10 s deadline
        assertThat(dispatcher.deliveryLog("team-a")).extracting(DeliveryAttempt::outcome)
                .containsExactly(DeliveryAttempt.Outcome.RETRYING, DeliveryAttempt.Outcome.FAILED);
        assertThat(dispatcher.deliveryLog("team-b")).extracting(DeliveryAttempt::outcome)
                .containsExactly(DeliveryAttempt.Outcome.RETRYING, DeliveryAttempt.Outcome.RETRYING,
                        DeliveryAttempt.Outcome.GAVE_UP);
        assertThat(sink.requests()).hasSize(4);
    }

    @Test
    void connectionErrorsAreRetried() {
        java.net.URI closed = sink.url("/hook");
        sink.close();
        start(WebhookReceiverConfig.defaults("down", closed)
                .withRetry(new RetryPolicy(Duration.ofMillis(500), 1.5, Duration.ofSeconds(60), 0, 0, Duration.ZERO)));
        dispatcher.send(List.of(firing("A", "a:1", T0, T0)));
        tickAt(Duration.ofSeconds(30));
        assertThat(dispatcher.deliveryLog("down")).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(DeliveryAttempt.Outcome.RETRYING);
            assertThat(a.httpStatus()).isZero();
            assertThat(a.error()).contains("ConnectException");
        });
    }

    @Test
    void theDeliveryLogKeepsTheLastAttempts() {
        start(receiver().withLimits(Duration.ofSeconds(5), 2, 100));
        sink.answer(500, 500);
        dispatcher.send(List.of(firing("A", "a:1", T0, T0)));
        tickAt(Duration.ofSeconds(30));
        tickAt(Duration.ofSeconds(31));
        tickAt(Duration.ofSeconds(32));
        assertThat(dispatcher.deliveryLog("team-a")).extracting(DeliveryAttempt::attempt).containsExactly(2, 3);
    }

    @Test
    void receiverNamesAreQuotedAsAlertmanagerQuotesThem() {
        assertThat(WebhookPayload.quoteMeta("ops.team+1")).isEqualTo("ops\\.team\\+1");
    }
}
