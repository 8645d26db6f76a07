package io.sightline.appliance.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * Real HTTP GETs against one appliance's main port for the trace ITs (and the sample services'), and polling with a deadline
 * (stored spans and derived series become visible asynchronously: after the store's refresh, after
 * a flush of the derived metrics).
 */
public final class TraceClient {
    /** How long any one poll waits before the test fails; far above the 100 ms refresh and 1 s flush used. */
    public static final Duration POLL_DEADLINE = Duration.ofSeconds(20);

    private static final long POLL_PAUSE_NANOS = 25_000_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int port;

    public TraceClient(int port) {
        this.port = port;
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(request(pathAndQuery).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String pathAndQuery, String accept) throws IOException, InterruptedException {
        return http.send(request(pathAndQuery).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET that must answer 200, parsed as JSON. */
    public JsonElement json(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as("GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
        return JsonParser.parseString(response.body());
    }

    /**
     * Repeats a GET until it answers 200 with JSON for which {@code done} holds (other statuses, such
     * as 404 for a trace not stored yet, count as not yet); fails with the last answer at the deadline.
     */
    public JsonElement poll(String pathAndQuery, Predicate<JsonElement> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + POLL_DEADLINE.toNanos();
        String last;
        do {
            HttpResponse<String> response = get(pathAndQuery);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonElement answer = JsonParser.parseString(response.body());
                if (done.test(answer)) {
                    return answer;
                }
            }
            // A short pause between polls leaves the machine's cores to the appliance; the deadline decides.
            LockSupport.parkNanos(POLL_PAUSE_NANOS);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("GET " + pathAndQuery + " did not reach the expected state within " + POLL_DEADLINE
                + "; last answer: " + last);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(30));
    }
}
