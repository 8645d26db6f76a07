package io.sightline.query.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sightline.query.alerting.PostableAlert;
import io.sightline.storage.tsdb.Labels;

class AlertmanagerSenderTest {
    private static final long T0 = Instant.parse("2024-05-06T07:08:09.250Z").toEpochMilli();

    private final HttpSink first = new HttpSink();
    private final HttpSink second = new HttpSink();

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private static PostableAlert alert(int i) {
        return new PostableAlert(Labels.of("alertname", "A", "i", Integer.toString(i)), Labels.EMPTY, T0, T0 + 60_000, "");
    }

    private AlertmanagerSender sender(int capacity, int batch, URI... urls) {
        return new AlertmanagerSender(new AlertmanagerSenderConfig(List.of(urls), capacity, batch, Duration.ofSeconds(5)));
    }

    @Test
    void postsTheV2JsonAsPrometheusMarshalsIt() {
        try (AlertmanagerSender sender = sender(10, 64, first.url(""))) {
            sender.send(List.of(
                    new PostableAlert(Labels.of("alertname", "HighLatency", "job", "api"),
                            Labels.of("summary", "p99 > 1s <now>"), T0, T0 + 240_000, "http://sightline:9090/graph?g0.expr=x"),
                    new PostableAlert(Labels.of("alertname", "Down"), Labels.EMPTY, T0, T0 + 1_000, "")));
            assertThat(sender.sendNextBatch()).isTrue();
            HttpSink.Request request = first.awaitRequests(1).getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/v2/alerts");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.body()).isEqualTo("["
                    + "{\"annotations\":{\"summary\":\"p99 \\u003e 1s \\u003cnow\\u003e\"},"
                    + "\"endsAt\":\"2024-05-06T07:12:09.250Z\",\"startsAt\":\"2024-05-06T07:08:09.250Z\","
                    + "\"generatorURL\":\"http://sightline:9090/graph?g0.expr=x\","
                    + "\"labels\":{\"alertname\":\"HighLatency\",\"job\":\"api\"}},"
                    + "{\"endsAt\":\"2024-05-06T07:08:10.250Z\",\"startsAt\":\"2024-05-06T07:08:09.250Z\","
                    + "\"labels\":{\"alertname\":\"Down\"}}]");
            assertThat(sender.stats().sent()).containsEntry(first.url(""), 2L);
        }
    }

    @Test
    void batchesOfAtMostMaxBatchSizeGoToEveryAlertmanager() {
        try (AlertmanagerSender sender = sender(100, 2, first.url("/prefix/"), second.url(""))) {
            sender.send(IntStream.range(0, 5).mapToObj(AlertmanagerSenderTest::alert).toList());
            while (sender.sendNextBatch()) {
                // three batches: 2, 2, 1
            }
            assertThat(first.awaitRequests(3)).extracting(HttpSink.Request::path).containsOnly("/prefix/api/v2/alerts");
            assertThat(second.awaitRequests(3)).extracting(r -> r.body().split("\"alertname\"").length - 1)
                    .containsExactly(2, 2, 1);
            assertThat(sender.stats().sent()).containsEntry(first.url("/prefix/"), 5L).containsEntry(second.url(""), 5L);
            assertThat(sender.stats().dropped()).isZero();
        }
    }

    @Test
    void fullQueueDropsTheOldestAlerts() {
        try (AlertmanagerSender sender = sender(3, 64, first.url(""))) {
            sender.send(List.of(alert(0), alert(1)));
            sender.send(List.of(alert(2), alert(3)));
            assertThat(sender.stats().dropped()).isEqualTo(1);
            sender.send(IntStream.range(4, 9).mapToObj(AlertmanagerSenderTest::alert).toList());
            assertThat(sender.stats().dropped()).isEqualTo(1 + 5);
            assertThat(sender.stats().queueLength()).isEqualTo(3);
            sender.sendNextBatch();
            assertThat(first.awaitRequests(1).getFirst().body())
                    .contains("\"i\":\"6\"", "\"i\":\"7\"", "\"i\":\"8\"").doesNotContain("\"i\":\"5\"");
        }
    }

    @Test
    void failedPostsCountAsErrorsAndABatchNobodyTookAsDropped() {
        try (AlertmanagerSender sender = sender(10, 64, first.url(""), second.url(""))) {
            first.answer(500);
            sender.send(List.of(alert(0), alert(1)));
            sender.sendNextBatch();
            assertThat(sender.stats().errors()).containsEntry(first.url(""), 2L).containsEntry(second.url(""), 0L);
            assertThat(sender.stats().sent()).containsEntry(first.url(""), 0L).containsEntry(second.url(""), 2L);
            assertThat(sender.stats().dropped()).isZero();

            first.answer(503);
            second.answer(400);
            sender.send(List.of(alert(2)));
            sender.sendNextBatch();
            assertThat(sender.stats().dropped()).isEqualTo(1);
        }
    }

    @Test
    void theSenderThreadDeliversWhatIsQueued() {
        try (AlertmanagerSender sender = sender(10, 64, first.url(""))) {
            sender.start();
            sender.send(List.of(alert(0)));
            assertThat(first.awaitRequests(1)).hasSize(1);
            HttpSink.await(() -> sender.stats().sent().get(first.url("")) == 1, "the sent counter");
        }
    }

    @Test
    void unreachableAlertmanagerIsAnError() {
        URI closed = first.url("");
        first.close();
        try (AlertmanagerSender sender = sender(10, 64, closed)) {
            sender.send(List.of(alert(0)));
            sender.sendNextBatch();
            assertThat(sender.stats().errors()).containsEntry(closed, 1L);
            assertThat(sender.stats().dropped()).isEqualTo(1);
        }
    }
}
