package io.sightline.query.api.loki;

import static io.sightline.query.api.loki.LokiApiServer.NOW;
import static io.sightline.query.api.loki.LokiApiServer.STATS;
import static io.sightline.query.api.loki.LokiApiServer.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.google.gson.JsonParser;
import io.sightline.query.api.loki.LogTailSource.TailRecord;
import io.sightline.query.logql.LogqlDirection;
import io.sightline.query.logql.LogqlResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /tail} over a real WebSocket ({@link java.net.http.WebSocket}), with in-test stand-ins for
 * the live records, the tail filter and the engine's look-back (an API-layer test: what is checked is
 * the messages, their order, the dropped entries and the refusals).
 */
class LokiTailApiTest {
    private static final Map<String, String> API = Map.of("app", "api");
    private LokiApiServer server = new LokiApiServer();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    /** Collects whole text messages. */
    private static final class Messages implements WebSocket.Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        String next() throws InterruptedException {
            String message = received.poll(30, TimeUnit.SECONDS);
            assertThat(message).as("a tail message within 30 s").isNotNull();
            return message;
        }
    }

    private WebSocket connect(String query, Messages messages, String... headers) throws Exception {
        WebSocket.Builder builder = client.newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/loki/api/v1/tail?" + query),
                messages).get(30, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static void assertJson(String actual, String expected) {
        assertThat(JsonParser.parseString(actual)).isEqualTo(JsonParser.parseString(expected));
    }

    @Test
    void sendsTheLookBackOldestFirstThenMatchingLiveRecords() throws Exception {
        server.service.answer = r -> new LogqlResult.Streams(List.of(new LogqlResult.LogStream(API, List.of(
                new LogqlResult.LogEntry(NOW - 1_000, "second", Map.of(), Map.of()),
                new LogqlResult.LogEntry(NOW - 2_000, "first", Map.of(), Map.of())))), STATS);
        Messages messages = new Messages();
        WebSocket ws = connect("query=" + encode("{app=\"api\"} |= \"GET\"") + "&start=1699999000&limit=2", messages);
        assertJson(messages.next(), "{\"streams\":[{\"stream\":{\"app\":\"api\"},\"values\":["
                + "[\"" + (NOW - 2_000) + "\",\"first\"],[\"" + (NOW - 1_000) + "\",\"second\"]]}]}");
        assertThat(server.service.last().startNanos()).isEqualTo(1_699_999_000_000_000_000L);
        assertThat(server.service.last().endNanos()).isEqualTo(NOW);
        assertThat(server.service.last().limit()).isEqualTo(2);
        assertThat(server.service.last().direction()).isEqualTo(LogqlDirection.BACKWARD);

        await(() -> server.tailSource.subscribers() == 1);
        server.tailSource.publish(new TailRecord(NOW + 1, Map.of("app", "db"), "GET /other-stream", Map.of()));
        server.tailSource.publish(new TailRecord(NOW + 2, API, "POST /filtered-out", Map.of()));
        server.tailSource.publish(new TailRecord(NOW + 3, API, "GET /pay", Map.of()));
        assertJson(messages.next(), "{\"streams\":[{\"stream\":{\"app\":\"api\"},\"values\":[[\"" + (NOW + 3)
                + "\",\"GET /pay\"]]}]}");

        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(30, TimeUnit.SECONDS);
        await(() -> server.api.openTails() == 0 && server.tailSource.subscribers() == 0);
    }

    @Test
    void aFullQueueDropsRecordsAndReportsThem() throws Exception {
        server.close();
        server = new LokiApiServer(LokiApiConfig.defaults().withTailQueueCapacity(1));
        server.tailFilter.gate = new CountDownLatch(1);
        server.tailFilter.entered = new CountDownLatch(1);
        Messages messages = new Messages();
        connect("query=" + encode("{app=\"api\"}") + "&start=" + NOW, messages);
        await(() -> server.tailSource.subscribers() == 1);
        server.tailSource.publish(new TailRecord(NOW + 1, API, "one", Map.of()));
        assertThat(server.tailFilter.entered.await(30, TimeUnit.SECONDS)).isTrue();
        // The tail's thread holds "one"; "two" fills the queue of one; "three" and "four" are dropped.
        for (int i = 2; i <= 4; i++) {
            server.tailSource.publish(new TailRecord(NOW + i, API, "n" + i, Map.of()));
        }
        server.tailFilter.gate.countDown();
        assertJson(messages.next(), "{\"streams\":[{\"stream\":{\"app\":\"api\"},\"values\":[[\"" + (NOW + 1)
                + "\",\"one\"]]}],\"dropped_entries\":[{\"timestamp\":\"" + (NOW + 3) + "\",\"labels\":{\"app\":\"api\"}},"
                + "{\"timestamp\":\"" + (NOW + 4) + "\",\"labels\":{\"app\":\"api\"}}]}");
        assertJson(messages.next(), "{\"streams\":[{\"stream\":{\"app\":\"api\"},\"values\":[[\"" + (NOW + 2)
                + "\",\"n2\"]]}]}");
        assertThat(server.service.requests).as("no look-back from start = now").isEmpty();
    }

    @Test
    void categorizeLabelsKeepsMetadataApart() throws Exception {
        Messages messages = new Messages();
        connect("query=" + encode("{app=\"api\"}") + "&start=" + NOW, messages,
                "X-Loki-Response-Encoding-Flags", "categorize-labels");
        await(() -> server.tailSource.subscribers() == 1);
        server.tailSource.publish(new TailRecord(NOW + 1, API, "hello", Map.of("trace_id", "abc")));
        assertJson(messages.next(), "{\"streams\":[{\"stream\":{\"app\":\"api\"},\"values\":[[\"" + (NOW + 1)
                + "\",\"hello\",{\"structuredMetadata\":{\"trace_id\":\"abc\"}}]]}],\"encodingFlags\":[\"categorize-labels\"]}");
    }

    @Test
    void badRequestsAreRefusedBeforeTheUpgrade() {
        assertRefused("query=" + encode("not a query"), 400);
        assertRefused("query=" + encode("{app=\"api\"}") + "&delay_for=6", 400);
        assertThat(server.get("/loki/api/v1/tail?query=" + encode("{app=\"api\"}") + "&delay_for=6").body())
                .isEqualTo("delay_for can't be greater than 5");
        assertThat(server.get("/loki/api/v1/tail?query=" + encode("nope")).body())
                .isEqualTo("parse error at line 1, col 1: syntax error: unexpected IDENTIFIER");
        assertThat(server.get("/loki/api/v1/tail?query=" + encode("{app=\"api\"}")).body())
                .isEqualTo("websocket: the client is not using the websocket protocol");
        assertThat(server.api.openTails()).isZero();
    }

    @Test
    void tailsBeyondTheLimitAreRefused() throws Exception {
        server.close();
        server = new LokiApiServer(LokiApiConfig.defaults().withMaxTailClients(1));
        WebSocket first = connect("query=" + encode("{app=\"api\"}") + "&start=" + NOW, new Messages());
        assertRefused("query=" + encode("{app=\"api\"}"), 400);
        first.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(30, TimeUnit.SECONDS);
        await(() -> server.api.openTails() == 0);
        connect("query=" + encode("{app=\"api\"}") + "&start=" + NOW, new Messages()).abort();
    }

    private void assertRefused(String query, int status) {
        assertThatThrownBy(() -> connect(query, new Messages()))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(status));
    }

    @Test
    void delayForSendsRecordsInTimeOrder() throws Exception {
        Messages messages = new Messages();
        connect("query=" + encode("{app=\"api\"}") + "&start=" + NOW + "&delay_for=1", messages);
        await(() -> server.tailSource.subscribers() == 1);
        server.tailSource.publish(new TailRecord(NOW + 9, API, "late", Map.of()));
        server.tailSource.publish(new TailRecord(NOW + 5, API, "early", Map.of()));
        String message = messages.next();
        assertThat(message.indexOf("early")).isLessThan(message.indexOf("late")).isPositive();
    }
}
