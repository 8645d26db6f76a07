package io.sightline.query.alerting.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that records every request and answers with scripted statuses (200 once the
 * script is used up). Thread-safe.
 */
final class HttpSink implements AutoCloseable {
    record Request(String method, String path, String contentType, String body) {
    }

    /** Between two looks at a polled condition. */
    private static final long POLL_PAUSE_NANOS = Duration.ofMillis(5).toNanos();

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();

    HttpSink() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            synchronized (this) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
                status = statuses.isEmpty() ? 200 : statuses.pollFirst();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The statuses of the next answers, in order. */
    synchronized void answer(Integer... next) {
        statuses.addAll(List.of(next));
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits (polling, up to 10 s) for {@code count} requests in all and returns them. */
    List<Request> awaitRequests(int count) {
        await(() -> requests().size() >= count, "sink to receive " + count + " requests, got " + requests().size());
        return requests();
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(POLL_PAUSE_NANOS);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
