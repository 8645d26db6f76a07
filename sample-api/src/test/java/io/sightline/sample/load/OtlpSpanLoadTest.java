package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the span generator against a tiny in-process receiver of OTLP/HTTP and Zipkin v2 JSON. */
class OtlpSpanLoadTest {

    private HttpServer server;
    private ExecutorService executor;
    private final AtomicLong otlpSpans = new AtomicLong();
    private final AtomicLong zipkinSpans = new AtomicLong();
    private final Set<String> traceIds = ConcurrentHashMap.newKeySet();
    private final Set<Long> startTimes = ConcurrentHashMap.newKeySet();

    @TempDir
    Path dir;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (path.equals("/v1/traces") && "application/x-protobuf".equals(type)) {
                ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
                for (ResourceSpans rs : request.getResourceSpansList()) {
                    for (Span s : rs.getScopeSpans(0).getSpansList()) {
                        otlpSpans.incrementAndGet();
                        traceIds.add(HexFormat.of().formatHex(s.getTraceId().toByteArray()));
                        startTimes.add(s.getStartTimeUnixNano());
                    }
                }
                exchange.sendResponseHeaders(200, -1);
            } else if (path.equals("/api/v2/spans") && "application/json".equals(type)) {
                for (Object s : (List<?>) MiniJson.parse(new String(body, StandardCharsets.UTF_8))) {
                    zipkinSpans.incrementAndGet();
                    traceIds.add((String) ((Map<?, ?>) s).get("traceId"));
                }
                exchange.sendResponseHeaders(202, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private int run(String... args) {
        return OtlpSpanLoad.execute(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void sendsOtlpSpansAndWritesTheAcknowledgedTraceIds() throws Exception {
        Path json = dir.resolve("summary.json");
        Path ids = dir.resolve("ids.txt");
        int exit = run("--endpoint", endpoint(), "--rate", "0", "--max-requests", "20", "--batch", "100",
                "--connections", "2", "--duration", "30s", "--progress", "0", "--json", json.toString(),
                "--trace-ids-out", ids.toString());
        assertThat(exit).isZero();
        assertThat(otlpSpans.get()).isEqualTo(2_000);
        Map<?, ?> summary = (Map<?, ?>) MiniJson.parse(Files.readString(json));
        assertThat(summary.get("spansAcknowledged")).isEqualTo(2_000L);
        assertThat(summary.get("format")).isEqualTo("otlp");
        List<String> written = Files.readAllLines(ids);
        assertThat(written).hasSize(((Long) summary.get("tracesAcknowledged")).intValue())
                .doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f]{32}"));
        assertThat(Set.copyOf(written)).isEqualTo(traceIds);
    }

    @Test
    void sendsTheSameSpansAsZipkinJson() throws Exception {
        Path json = dir.resolve("summary.json");
        int exit = run("--zipkin", "--endpoint", endpoint(), "--rate", "0", "--max-requests", "10", "--batch", "200",
                "--duration", "30s", "--progress", "0", "--json", json.toString());
        assertThat(exit).isZero();
        assertThat(zipkinSpans.get()).isEqualTo(2_000);
        Map<?, ?> summary = (Map<?, ?>) MiniJson.parse(Files.readString(json));
        assertThat(summary.get("format")).isEqualTo("zipkin");
        assertThat(summary.get("statusCounts")).isEqualTo(Map.of("202", 10L));
    }

    @Test
    void backfillSpreadsTracesOverTheSpanOldestFirst() {
        Instant end = Instant.parse("2026-01-01T00:00:00Z");
        long endNanos = end.getEpochSecond() * 1_000_000_000L;
        long spanNanos = 3_600_000_000_000L;
        int exit = run("--endpoint", endpoint(), "--rate", "0", "--max-requests", "50", "--batch", "100",
                "--connections", "1", "--duration", "30s", "--progress", "0", "--span", "1h", "--span-end",
                end.toString());
        assertThat(exit).isZero();
        assertThat(otlpSpans.get()).isEqualTo(5_000);
        long min = startTimes.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = startTimes.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(min).isBetween(endNanos - spanNanos, endNanos - spanNanos + 1_000_000_000L);
        assertThat(max).isBetween(endNanos - 2 * spanNanos / 100, endNanos + 30_000_000_000L);
    }

    @Test
    void refusesLogOnlyFlags() {
        assertThat(run("--endpoint", endpoint(), "--lean")).isEqualTo(OtlpSpanLoad.EXIT_USAGE);
        assertThat(run("--endpoint", endpoint(), "--span", "1h")).isEqualTo(OtlpSpanLoad.EXIT_USAGE);
    }
}
