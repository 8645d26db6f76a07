package io.sightline.appliance.loki;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.sightline.appliance.Appliance;
import io.sightline.appliance.ApplianceConfig;
import io.sightline.appliance.loki.LokiPushBody.Entry;
import io.sightline.appliance.loki.LokiPushBody.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole appliance in-process: logs pushed with Loki's protocol are answered by Loki's query API
 * (LogQL log and metric queries, labels, label values, series, index stats) and streamed live by
 * {@code /loki/api/v1/tail} over a real WebSocket, all through real sockets.
 */
class LokiQueryIT {
    @TempDir
    Path dataDir;

    private Appliance appliance;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private long now;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("data-dir", dataDir.toString(), "http-port", "0",
                "otlp-grpc-port", "0", "otlp-http-port", "0", "logs.refresh-interval", "100ms"));
        appliance = Appliance.start(ApplianceConfig.of(settings));
        now = nanos(Instant.now()) / 1_000_000_000L * 1_000_000_000L;
        Stream checkout = new Stream(Map.of("service_name", "checkout", "env", "prod"), List.of(
                new Entry(now - 3_000_000_000L, "level=info path=/pay ms=120", Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")),
                new Entry(now - 2_000_000_000L, "level=error path=/pay ms=3000 msg=\"upstream timeout\"", Map.of()),
                new Entry(now - 1_000_000_000L, "level=info path=/cart ms=40", Map.of())));
        Stream billing = new Stream(Map.of("service_name", "billing", "env", "prod"), List.of(
                new Entry(now - 2_500_000_000L, "invoice sent", Map.of())));
        HttpResponse<String> pushed = push(LokiPushBody.json(List.of(checkout, billing)));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(204);
        pollUntil("count_over_time({env=\"prod\"}[1m])", 4);
    }

    @AfterEach
    void stop() {
        appliance.close();
    }

    @Test
    void logQueriesAnswerInLokisShape() throws Exception {
        JsonObject data = data(get("/loki/api/v1/query_range?query=" + enc("{service_name=\"checkout\"} |= \"timeout\" | logfmt")
                + "&start=" + (now - 60_000_000_000L) + "&end=" + (now + 1) + "&limit=10"));
        assertThat(data.get("resultType").getAsString()).isEqualTo("streams");
        JsonArray result = data.getAsJsonArray("result");
        assertThat(result).hasSize(1);
        JsonObject stream = result.get(0).getAsJsonObject();
        assertThat(stream.getAsJsonObject("stream").get("path").getAsString()).isEqualTo("/pay");
        assertThat(stream.getAsJsonObject("stream").get("service_name").getAsString()).isEqualTo("checkout");
        JsonArray value = stream.getAsJsonArray("values").get(0).getAsJsonArray();
        assertThat(value.get(0).getAsString()).isEqualTo(Long.toString(now - 2_000_000_000L));
        assertThat(value.get(1).getAsString()).isEqualTo("level=error path=/pay ms=3000 msg=\"upstream timeout\"");
        assertThat(data.getAsJsonObject("stats").getAsJsonObject("summary").get("totalLinesProcessed").getAsLong())
                .isPositive();

        JsonObject forward = data(get("/loki/api/v1/query_range?query=" + enc("{env=\"prod\"}") + "&start="
                + (now - 60_000_000_000L) + "&end=" + (now + 1) + "&limit=2&direction=forward"));
        List<String> lines = forward.getAsJsonArray("result").asList().stream()
                .flatMap(s -> s.getAsJsonObject().getAsJsonArray("values").asList().stream())
                .map(v -> v.getAsJsonArray().get(1).getAsString()).toList();
        assertThat(lines).containsExactlyInAnyOrder("level=info path=/pay ms=120", "invoice sent");
    }

    @Test
    void metricQueriesAnswerVectorsAndMatrices() throws Exception {
        JsonObject vector = data(get("/loki/api/v1/query?query="
                + enc("sum by (service_name) (count_over_time({env=\"prod\"} | logfmt | ms > 100 or path=\"\" [1m]))")
                + "&time=" + now));
        assertThat(vector.get("resultType").getAsString()).isEqualTo("vector");
        Map<String, String> counts = new LinkedHashMap<>();
        vector.getAsJsonArray("result").forEach(s -> counts.put(
                s.getAsJsonObject().getAsJsonObject("metric").get("service_name").getAsString(),
                s.getAsJsonObject().getAsJsonArray("value").get(1).getAsString()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("checkout", "2", "billing", "1"));

        JsonObject matrix = data(get("/loki/api/v1/query_range?query=" + enc("sum(rate({env=\"prod\"}[10s]))")
                + "&start=" + (now - 2_000_000_000L) + "&end=" + now + "&step=1"));
        assertThat(matrix.get("resultType").getAsString()).isEqualTo("matrix");
        JsonArray values = matrix.getAsJsonArray("result").get(0).getAsJsonObject().getAsJsonArray("values");
        // Windows (t - 10s, t]: at now-2s the records of now-3s, -2.5s and -2s; then all four. The sum
        // over the two streams is 0.2 + 0.1 in float64, printed as Go prints it (as Loki answers).
        assertThat(values.asList().stream().map(v -> v.getAsJsonArray().get(1).getAsString()).toList())
                .containsExactly("0.30000000000000004", "0.4", "0.4");
        assertThat(values.get(0).getAsJsonArray().get(0).getAsLong()).isEqualTo((now - 2_000_000_000L) / 1_000_000_000L);

        HttpResponse<String> bad = get("/loki/api/v1/query?query=" + enc("sum(count_over_time({env=\"prod\"}[1m]"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("parse error at line 1");
    }

    @Test
    void labelsSeriesAndIndexStatsComeFromTheCatalogue() throws Exception {
        String range = "start=" + (now - 60_000_000_000L) + "&end=" + (now + 1);
        assertThat(strings(data(get("/loki/api/v1/labels?" + range)))).contains("env", "service_name", "level");
        assertThat(strings(data(get("/loki/api/v1/label/service_name/values?" + range)))).containsExactly("billing", "checkout");
        JsonObject series = JsonParser.parseString(get("/loki/api/v1/series?match[]=" + enc("{service_name=\"billing\"}")
                + "&" + range).body()).getAsJsonObject();
        assertThat(series.getAsJsonArray("data")).hasSize(1);
        assertThat(series.getAsJsonArray("data").get(0).getAsJsonObject().get("env").getAsString()).isEqualTo("prod");
        JsonObject stats = JsonParser.parseString(get("/loki/api/v1/index/stats?query=" + enc("{env=\"prod\"}") + "&" + range)
                .body()).getAsJsonObject();
        assertThat(stats.get("entries").getAsLong()).isEqualTo(4);
        assertThat(stats.get("streams").getAsLong()).isPositive();
        assertThat(stats.get("bytes").getAsLong()).isPositive();
    }

    @Test
    void explainSaysWhatGoesToTheIndexAndAnalyzeWhatItCost() throws Exception {
        String range = "&start=" + (now - 60_000_000_000L) / 1_000_000_000L + "&end=" + (now + 1_000_000_000L) / 1_000_000_000L;
        JsonObject plan = data(get("/api/v1/logs/explain?query="
                + enc("{service_name=\"checkout\"} |= \"timeout\" | logfmt | ms > 100") + range + "&analyze=true"));
        assertThat(plan.get("kind").getAsString()).isEqualTo("log");
        JsonObject scan = plan.getAsJsonArray("scans").get(0).getAsJsonObject();
        assertThat(scan.get("selector").getAsString()).isEqualTo("{service_name=\"checkout\"}");
        assertThat(scan.getAsJsonArray("lineFilters").toString()).contains("timeout");
        assertThat(scan.getAsJsonArray("stages").toString()).contains("| logfmt").contains("| ms>100");
        JsonObject stats = plan.getAsJsonObject("stats");
        assertThat(stats.get("linesProcessed").getAsLong()).as("only the line with timeout is read").isEqualTo(1);
        assertThat(stats.get("entriesReturned").getAsLong()).isEqualTo(1);
        assertThat(stats.get("indexQuery").getAsString()).isNotEmpty();

        JsonObject metric = data(get("/api/v1/logs/explain?query="
                + enc("sum by (level) (count_over_time({service_name=\"checkout\"}[1m]))") + range));
        assertThat(metric.get("kind").getAsString()).isEqualTo("metric");
        assertThat(metric.getAsJsonArray("scans").get(0).getAsJsonObject().get("indexOnly").getAsBoolean()).isTrue();
        assertThat(metric.has("stats")).isFalse();

        HttpResponse<String> bad = get("/api/v1/logs/explain?query=" + enc("{"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("bad_data").contains("parse error");
    }

    @Test
    void tailStreamsNewRecordsThatMatch() throws Exception {
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + appliance.httpPort()
                + "/loki/api/v1/tail?query=" + enc("{service_name=\"checkout\"} |= \"refund\"") + "&start=" + now),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            messages.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            long later = nanos(Instant.now());
            Stream live = new Stream(Map.of("service_name", "checkout", "env", "prod"), List.of(
                    new Entry(later, "refund issued", Map.of()), new Entry(later + 1, "cart viewed", Map.of())));
            assertThat(push(LokiPushBody.json(List.of(live))).statusCode()).isEqualTo(204);
            String message = messages.poll(15, TimeUnit.SECONDS);
            assertThat(message).as("a tail message within 15 s").isNotNull();
            JsonObject tail = JsonParser.parseString(message).getAsJsonObject();
            JsonArray stream = tail.getAsJsonArray("streams").get(0).getAsJsonObject().getAsJsonArray("values");
            assertThat(stream.get(0).getAsJsonArray().get(1).getAsString()).isEqualTo("refund issued");
            assertThat(message).doesNotContain("cart viewed");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
    }

    private void pollUntil(String metricQuery, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/loki/api/v1/query?query=" + enc("sum(" + metricQuery + ")") + "&time=" + (now + 1));
            last = response.body();
            if (response.statusCode() == 200 && last.contains("\"" + expected + "\"")) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the pushed entries were not all queryable within 15 s: " + last);
    }

    /** The {@code data} array of a labels or label-values answer. */
    private static List<String> strings(JsonObject answer) {
        return answer.getAsJsonArray("data").asList().stream().map(v -> v.getAsString()).toList();
    }

    private static JsonObject data(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(body.get("status").getAsString()).isEqualTo("success");
        return body.has("data") && body.get("data").isJsonObject() ? body.getAsJsonObject("data") : body;
    }

    private HttpResponse<String> push(byte[] json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appliance.httpPort() + "/loki/api/v1/push"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appliance.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
