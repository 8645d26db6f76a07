package io.sightline.appliance.loki;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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
 * The whole appliance in-process, fed over a real socket by a Loki push client speaking both of
 * Loki's body formats (snappy protobuf as Promtail and Alloy send, JSON, gzip JSON): the entries are
 * searchable through {@code GET /api/v1/logs/search} with the service, attributes, severity and body
 * the mapping promises, and every bad input gets Loki's status and message.
 */
class LokiPushIT {
    private static final int MAX_LINE_BYTES = 1024;

    @TempDir
    Path dataDir;

    private Appliance appliance;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        appliance = start(Map.of());
    }

    private Appliance start(Map<String, String> more) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("data-dir", dataDir.toString(), "http-port", "0",
                "otlp-grpc-port", "0", "otlp-http-port", "0", "logs.refresh-interval", "100ms",
                "logs.max-line-bytes", MAX_LINE_BYTES + "B", "loki.max-request-bytes", "64KiB"));
        settings.putAll(more);
        return Appliance.start(ApplianceConfig.of(settings));
    }

    @AfterEach
    void stop() {
        appliance.close();
    }

    @Test
    void protobufJsonAndGzipJsonPushesAreSearchable() throws Exception {
        long now = nanos(Instant.now());
        Stream promtail = new Stream(labels("job", "varlogs", "app", "checkout", "level", "warn"), List.of(
                new Entry(now - 2_000, "payment took 3s", Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")),
                new Entry(now - 1_000, "x".repeat(5_000), Map.of()),
                new Entry(now, "payment failed", Map.of("level", "error", "user", "u1"))));
        HttpResponse<String> protobuf = push(LokiPushBody.protobuf(List.of(promtail)), "application/x-protobuf", null);
        assertThat(protobuf.statusCode()).as(protobuf.body()).isEqualTo(204);

        Stream json = new Stream(labels("service_name", "billing", "env", "prod"),
                List.of(new Entry(now, "invoice sent", Map.of("invoice", "i-7"))));
        assertThat(push(LokiPushBody.json(List.of(json)), "application/json", null).statusCode()).isEqualTo(204);
        Stream zipped = new Stream(labels("host", "h1"), List.of(new Entry(now, "disk almost full", Map.of())));
        assertThat(push(LokiPushBody.gzip(LokiPushBody.json(List.of(zipped))), "application/json", "gzip").statusCode())
                .isEqualTo(204);

        JsonObject checkout = pollSearch("service=checkout", data -> total(data) == 3);
        JsonObject slow = record(pollSearch("attr.trace_id=4bf92f3577b34da6a3ce929d0e0e4736", data -> total(data) == 1));
        assertThat(slow.get("body").getAsString()).isEqualTo("payment took 3s");
        assertThat(slow.get("serviceName").getAsString()).isEqualTo("checkout");
        assertThat(slow.get("severityNumber").getAsInt()).isEqualTo(13);
        assertThat(slow.get("severityText").getAsString()).isEqualTo("warn");
        assertThat(slow.get("timeUnixNano").getAsString()).isEqualTo(Long.toString(now - 2_000));
        assertThat(slow.getAsJsonObject("resource").toString())
                .isEqualTo("{\"job\":\"varlogs\",\"app\":\"checkout\",\"level\":\"warn\"}");
        JsonObject failed = record(pollSearch("q=%22payment+failed%22", data -> total(data) == 1));
        assertThat(failed.get("severityNumber").getAsInt()).as("structured metadata beats the stream label").isEqualTo(17);
        assertThat(failed.getAsJsonObject("attributes").get("user").getAsString()).isEqualTo("u1");
        assertThat(checkout.getAsJsonArray("records").asList()).anySatisfy(r -> assertThat(r.getAsJsonObject()
                .get("body").getAsString()).isEqualTo("x".repeat(MAX_LINE_BYTES - 12) + " [truncated]"));

        JsonObject invoice = record(pollSearch("service=billing", data -> total(data) == 1));
        assertThat(invoice.get("body").getAsString()).isEqualTo("invoice sent");
        assertThat(invoice.getAsJsonObject("attributes").get("invoice").getAsString()).isEqualTo("i-7");
        assertThat(invoice.getAsJsonObject("resource").toString()).isEqualTo("{\"env\":\"prod\"}");
        JsonObject disk = record(pollSearch("service=unknown_service", data -> total(data) == 1));
        assertThat(disk.get("body").getAsString()).isEqualTo("disk almost full");

        String metrics = get("/metrics").body();
        assertThat(metrics).contains("sightline_ingest_items_accepted_total{signal=\"logs\",transport=\"loki\"} 5.0")
                .contains("sightline_ingest_requests_total{code=\"204\",signal=\"logs\",transport=\"loki\"} 3.0")
                .contains("sightline_ingest_apply_truncated_lines_total 1.0")
                .containsPattern("sightline_ingest_received_bytes_total\\{signal=\"logs\",transport=\"loki\"} [1-9]")
                .contains("sightline_http_request_duration_seconds_count{code=\"204\",handler=\"/loki/api/v1/push\"}");
    }

    @Test
    void badPushesGetLokisStatusAndMessage() throws Exception {
        long now = nanos(Instant.now());
        Stream good = new Stream(labels("app", "ok"), List.of(new Entry(now, "fine", Map.of())));

        HttpResponse<String> badLabels = push(LokiPushBody.snappy(LokiPushBody.protobufWithSelectors(
                List.of("{app=\"ok\"}", "{app=~\"x\"}"), List.of(good, good))), "application/x-protobuf", null);
        assertThat(badLabels.statusCode()).isEqualTo(400);
        assertThat(badLabels.body()).isEqualTo("Error parsing labels '{app=~\"x\"}' with error: expected a quoted value"
                + " for label \"app\", found '~' at column 6\n");

        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) {
            many.put("l" + i, "v");
        }
        HttpResponse<String> tooMany = push(LokiPushBody.protobuf(List.of(new Stream(many, good.entries()))),
                "application/x-protobuf", null);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).endsWith("' has 16 label names; limit 15\n");

        HttpResponse<String> longName = push(LokiPushBody.protobuf(List.of(new Stream(labels("n".repeat(1025), "v"),
                good.entries()))), "application/x-protobuf", null);
        assertThat(longName.body()).contains("has label name too long: 'nnn");

        HttpResponse<String> old = push(LokiPushBody.json(List.of(new Stream(labels("app", "ok"),
                List.of(new Entry(now - Duration.ofDays(8).toNanos(), "old", Map.of()))))), "application/json", null);
        assertThat(old.statusCode()).isEqualTo(400);
        assertThat(old.body()).startsWith("entry for stream '{app=\"ok\"}' has timestamp too old: ");
        HttpResponse<String> ahead = push(LokiPushBody.json(List.of(new Stream(labels("app", "ok"),
                List.of(new Entry(now + Duration.ofHours(1).toNanos(), "ahead", Map.of()))))), "application/json", null);
        assertThat(ahead.body()).startsWith("entry for stream '{app=\"ok\"}' has timestamp too new: ");

        HttpResponse<String> numberTimestamp = push("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[1,\"x\"]]}]}"
                .getBytes(StandardCharsets.UTF_8), "application/json", null);
        assertThat(numberTimestamp.statusCode()).isEqualTo(400);
        assertThat(numberTimestamp.body()).startsWith("invalid JSON push request: an entry must start with its timestamp");
        HttpResponse<String> notSnappy = push("not snappy".getBytes(StandardCharsets.UTF_8), "application/x-protobuf", null);
        assertThat(notSnappy.statusCode()).isEqualTo(400);
        assertThat(notSnappy.body()).startsWith("invalid snappy");
        HttpResponse<String> text = push(LokiPushBody.protobuf(List.of(good)), "text/plain", null);
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> large = push(LokiPushBody.json(List.of(new Stream(labels("app", "big"),
                List.of(new Entry(now, "y".repeat(70_000), Map.of()))))), "application/json", null);
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.body()).contains("limit: 65536 bytes (loki.max-request-bytes)");
        assertThat(http.send(HttpRequest.newBuilder(pushUri()).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(405);

        // Only the good stream of the first request was written: 400 answers still store the rest, as Loki.
        assertThat(total(pollSearch("service=ok", data -> total(data) == 1))).isEqualTo(1);
        assertThat(get("/metrics").body())
                .contains("sightline_ingest_items_rejected_total{reason=\"invalid_labels\",signal=\"logs\",transport=\"loki\"} 1.0")
                .contains("sightline_ingest_items_rejected_total{reason=\"greater_than_max_sample_age\",signal=\"logs\",transport=\"loki\"} 1.0")
                .contains("sightline_ingest_requests_total{code=\"413\",signal=\"logs\",transport=\"loki\"} 1.0");
    }

    @Test
    void aFullDiskAnswers503WithRetryAfter() throws Exception {
        appliance.close();
        appliance = start(Map.of("ingest.min-free-disk", "1000000GiB"));
        HttpResponse<String> refused = push(LokiPushBody.protobuf(List.of(new Stream(labels("app", "a"),
                List.of(new Entry(nanos(Instant.now()), "x", Map.of()))))), "application/x-protobuf", null);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    private URI pushUri() {
        return URI.create("http://127.0.0.1:" + appliance.httpPort() + "/loki/api/v1/push");
    }

    private HttpResponse<String> push(byte[] body, String type, String encoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(pushUri()).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long total(JsonObject data) {
        return data.get("total").getAsLong();
    }

    private static JsonObject record(JsonObject data) {
        return data.getAsJsonArray("records").get(0).getAsJsonObject();
    }

    private JsonObject pollSearch(String query, Predicate<JsonObject> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonObject data;
        do {
            HttpResponse<String> response = get("/api/v1/logs/search?start=0&end=4102444800&" + query);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            data = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("data");
            if (done.test(data)) {
                return data;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("search '" + query + "' did not reach the expected state: " + data);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appliance.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
