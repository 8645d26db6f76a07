package io.sightline.appliance.jar;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * What the tests ask of a running appliance over its real sockets: readiness, OTLP/HTTP log and trace
 * export, Loki push, log search, Prometheus remote_write and instant queries, and {@code /metrics}. HTTP/1.1 only, so a killed appliance shows up as a failed request
 * rather than a stalled HTTP/2 stream. Thread-safe.
 */
final class ApplianceClient implements AutoCloseable {
    /** Far above any healthy answer; only a hung appliance reaches it. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String api;
    private final URI logs;
    private final URI traces;
    private final URI remoteWrite;

    ApplianceClient(int httpPort, int otlpHttpPort) {
        this.api = "http://127.0.0.1:" + httpPort;
        this.logs = URI.create("http://127.0.0.1:" + otlpHttpPort + "/v1/logs");
        this.traces = URI.create("http://127.0.0.1:" + otlpHttpPort + "/v1/traces");
        this.remoteWrite = URI.create(api + "/api/v1/write");
    }

    /** Whether {@code /-/ready} answers 200; false while nothing listens. */
    boolean ready() throws InterruptedException {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** POSTs an OTLP/HTTP protobuf log export and returns the status; 200 means the WAL has it. */
    int export(ExportLogsServiceRequest request) throws IOException, InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(logs)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
                .build();
        return http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** POSTs an OTLP/HTTP protobuf trace export and returns the status; 200 means the WAL has it. */
    int exportTraces(ExportTraceServiceRequest request) throws IOException, InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(traces)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
                .build();
        return http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** POSTs a remote_write 1.0 body (snappy-compressed WriteRequest) and returns the status; 2xx means the WAL has it. */
    int remoteWrite(byte[] body) throws IOException, InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(remoteWrite)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** POSTs a Loki push body and returns the status; 204 means the WAL has every entry. */
    int lokiPush(byte[] body, String contentType, String contentEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(api + "/loki/api/v1/push"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            post.header("Content-Encoding", contentEncoding);
        }
        return http.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The {@code data} object of the PromQL instant query {@code promql} at {@code timeSeconds}. */
    JsonObject query(String promql, String timeSeconds) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + timeSeconds);
        if (response.statusCode() != 200) {
            throw new AssertionError("query " + promql + " answered " + response.statusCode() + ": " + response.body());
        }
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("data");
    }

    /** The {@code data} object of a log search over all time with these extra parameters. */
    JsonObject searchLogs(Map<String, String> parameters) throws IOException, InterruptedException {
        String query = parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = get("/api/v1/logs/search?start=0&end=4102444800"
                + (query.isEmpty() ? "" : "&" + query));
        if (response.statusCode() != 200) {
            throw new AssertionError("log search " + parameters + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("data");
    }

    /** How many records a search with these parameters matches in all. */
    long countLogs(Map<String, String> parameters) throws IOException, InterruptedException {
        Map<String, String> one = new LinkedHashMap<>(parameters);
        one.put("limit", "1");
        return searchLogs(one).get("total").getAsLong();
    }

    /** The value of the sample whose name and labels are exactly {@code series} in {@code /metrics}, if any. */
    OptionalDouble metric(String series) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        for (String line : response.body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return OptionalDouble.of(Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]));
            }
        }
        return OptionalDouble.empty();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the client's threads; requests still in flight fail. */
    @Override
    public void close() {
        http.shutdownNow();
    }
}
