package io.sightline.sample.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A receiver of OTLP/HTTP and Prometheus remote_write 1.0 that decodes and counts, and keeps
 * nothing: the target of an exporter under test when the figure should be the exporter's, not a
 * receiver's. The OpenTelemetry Collector's testbed measures its exporters against such a "mock
 * backend"; {@code bin/bench export} sends to it, because a receiving Sightline on the same two
 * cores spends more CPU taking the drained backlog in than the exporter spends sending it.
 *
 * <p>On one port: {@code POST /v1/traces}, {@code /v1/logs}, {@code /v1/metrics}: OTLP protobuf
 * bodies, gzip or not, decoded with the opentelemetry-proto classes and counted ({@link
 * OtlpSinkHandler}). {@code POST /api/v1/write}: remote_write 1.0 bodies, snappy, decoded in full
 * and their samples counted ({@link RemoteWriteSinkHandler}). {@code GET /metrics}: the counts as
 * Prometheus text ({@link ExportSinkCounters}). {@code GET /-/ready}: 200. The JDK's HTTP server on
 * virtual threads: nothing to add to the classpath.
 *
 * <p>From the command line: {@code java -cp ... io.sightline.sample.load.ExportSink --port 4318}; it
 * runs until killed. From Java: {@code try (ExportSink sink = ExportSink.start("127.0.0.1", 0,
 * ExportSink.DEFAULT_MAX_BODY_BYTES)) { ... sink.port() ... }}. Thread-safe.
 */
public final class ExportSink implements AutoCloseable {
    /** The OTLP/HTTP port; remote_write is taken on it too. */
    public static final int DEFAULT_PORT = 4318;
    /**
     * Largest body taken, compressed or uncompressed: well above the 4 MiB OTLP senders commonly
     * stay under, and above a remote_write request of a few thousand samples (Prometheus sends at
     * most 2,000 a request by default, about 0.5 MB uncompressed with typical labels).
     */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 << 20;
    /** Connections waiting to be accepted. */
    private static final int ACCEPT_BACKLOG = 512;
    static final int EXIT_USAGE = 2;
    static final int EXIT_CANNOT_LISTEN = 1;

    /** The command line's settings. */
    record Options(String bind, int port, int maxBodyBytes, boolean help) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final ExportSinkCounters counters = new ExportSinkCounters();

    private ExportSink(HttpServer server, ExecutorService executor, int maxBodyBytes) {
        this.server = server;
        this.executor = executor;
        for (OtlpSinkSignal signal : OtlpSinkSignal.values()) {
            server.createContext(signal.path(), new OtlpSinkHandler(signal, counters, maxBodyBytes));
        }
        server.createContext(RemoteWriteSinkHandler.PATH, new RemoteWriteSinkHandler(counters, maxBodyBytes));
        server.createContext("/metrics", get("/metrics", "text/plain; version=0.0.4; charset=utf-8",
                () -> text(counters.render())));
        server.createContext("/-/ready", get("/-/ready", "text/plain; charset=utf-8", () -> text("ready\n")));
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
                respond(exchange, 404, "text/plain; charset=utf-8", text("not found\n"));
            }
        });
    }

    /**
     * Listens on {@code bind:port} (0 = any free port) and serves until {@link #close}.
     *
     * @throws IOException when the address cannot be bound
     */
    public static ExportSink start(String bind, int port, int maxBodyBytes) throws IOException {
        if (maxBodyBytes < 1 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max body bytes must be 1 to " + (Integer.MAX_VALUE - 1) + ": "
                    + maxBodyBytes);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), ACCEPT_BACKLOG);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        ExportSink sink = new ExportSink(server, executor, maxBodyBytes);
        server.start();
        return sink;
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("export-sink: " + e.getMessage());
            System.err.print(usage());
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.help()) {
            System.out.print(usage());
            return;
        }
        ExportSink sink;
        try {
            sink = start(options.bind(), options.port(), options.maxBodyBytes());
        } catch (IOException e) {
            System.err.println("export-sink: cannot listen on " + options.bind() + ":" + options.port() + ": " + e);
            System.exit(EXIT_CANNOT_LISTEN);
            return;
        }
        PrintStream out = System.out;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.print("export-sink: stopping; received:\n" + sink.counters.render());
            out.flush();
        }));
        out.println("export-sink: listening on http://" + options.bind() + ":" + sink.port());
        out.flush();
        new CountDownLatch(1).await(); // until killed
    }

    static Options parse(String[] args) {
        String[] bind = {"127.0.0.1"};
        int[] port = {DEFAULT_PORT};
        int[] maxBody = {DEFAULT_MAX_BODY_BYTES};
        boolean help = CommandLine.read(args, a -> false, (name, value) -> {
            switch (name) {
                case "--bind" -> bind[0] = value;
                case "--port" -> port[0] = CommandLine.intNumber(name, value);
                case "--max-body-bytes" -> maxBody[0] = CommandLine.intNumber(name, value);
                default -> throw new IllegalArgumentException("unknown flag " + name);
            }
        });
        if (port[0] < 0 || port[0] > 65_535) {
            throw new IllegalArgumentException("--port must be 0 to 65535: " + port[0]);
        }
        if (maxBody[0] < 1 || maxBody[0] == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--max-body-bytes must be 1 to " + (Integer.MAX_VALUE - 1) + ": "
                    + maxBody[0]);
        }
        return new Options(bind[0], port[0], maxBody[0], help);
    }

    static String usage() {
        return """
                Usage: ExportSink [--port 4318] [--bind 127.0.0.1] [--max-body-bytes 64m]
                A receiver that decodes and counts, and keeps nothing: an exporter benchmark's target.
                OTLP/HTTP protobuf: POST /v1/traces, /v1/logs, /v1/metrics (gzip or not) -> 200 and an
                empty Export*ServiceResponse; 400 for a body that does not decode, 413 over
                --max-body-bytes (uncompressed), 415 for another content type or encoding, each with a
                google.rpc.Status.
                Prometheus remote_write 1.0: POST /api/v1/write, application/x-protobuf (proto=
                prometheus.WriteRequest or none) and Content-Encoding: snappy -> 204; 400 (text) for a
                body that is not snappy or not a valid WriteRequest, or a series without labels or
                __name__; 413 over --max-body-bytes (compressed, or uncompressed per the snappy
                header); 415 for another content type (remote_write 2.0 included) or encoding.
                GET /metrics: sightline_ingest_items_accepted_total{signal=...} (spans, log records,
                metric data points and remote_write samples) and
                export_sink_requests_total{protocol,signal,code}. GET /-/ready: 200.
                --port 0 takes any free port. Runs until killed.
                """;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Items of {@code signal} ({@code "traces"}, {@code "logs"}, {@code "metrics"}) accepted so far. */
    long accepted(String signal) {
        return counters.accepted(signal);
    }

    /** Requests of {@code signal} in {@code protocol} answered {@code status} so far. */
    long requests(ExportSinkCounters.Protocol protocol, String signal, int status) {
        return counters.requests(protocol, signal, status);
    }

    /** Stops listening at once, dropping requests in flight. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** A GET-only page at exactly {@code path}. */
    private static HttpHandler get(String path, String contentType, Supplier<byte[]> body) {
        return exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    respond(exchange, 404, "text/plain; charset=utf-8", text("not found\n"));
                } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    respond(exchange, 405, "text/plain; charset=utf-8", text("GET only\n"));
                } else {
                    respond(exchange, 200, contentType, body.get());
                }
            }
        };
    }

    static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the status, the content type and the body (none for HEAD or when empty). */
    static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
