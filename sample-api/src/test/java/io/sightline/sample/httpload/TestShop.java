package io.sightline.sample.httpload;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny shop on the JDK's HTTP server for the load tests: {@code GET /api/stock/{sku}} answers
 * 200, {@code POST /api/orders} 201 with a new {@code {"id":"o-N"}}, {@code GET /api/orders/{id}}
 * 200 for an id it handed out and 404 otherwise, {@code /boom} 500, and {@code /hang} blocks until
 * {@link #release()}. Counts requests by route.
 */
final class TestShop implements AutoCloseable {

    final Map<String, AtomicLong> byRoute = new ConcurrentHashMap<>();
    final Set<String> orders = ConcurrentHashMap.newKeySet();
    final Set<String> badBodies = ConcurrentHashMap.newKeySet();
    final AtomicInteger hanging = new AtomicInteger();
    private final AtomicLong nextOrder = new AtomicLong();
    private final CountDownLatch released = new CountDownLatch(1);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    TestShop() {
        try {
            server = start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpServer start() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        s.start();
        return s;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long count(String route) {
        AtomicLong n = byRoute.get(route);
        return n == null ? 0 : n.get();
    }

    void release() {
        released.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.startsWith("/api/stock/SKU-")) {
                count("stock", 1);
                answer(exchange, 200, "{\"sku\":\"" + path.substring(11) + "\",\"available\":7}");
            } else if (method.equals("POST") && path.equals("/api/orders")) {
                count("place-order", 1);
                if (!body.matches("\\{\"sku\":\"SKU-\\d+\",\"quantity\":[1-5]}")) {
                    badBodies.add(body);
                }
                String id = "o-" + nextOrder.incrementAndGet();
                orders.add(id);
                answer(exchange, 201, "{\"id\":\"" + id + "\",\"status\":\"placed\"}");
            } else if (method.equals("GET") && path.startsWith("/api/orders/")) {
                String id = path.substring(12);
                boolean known = orders.contains(id);
                count(known ? "get-order" : "get-order-unknown", 1);
                answer(exchange, known ? 200 : 404, known ? "{\"id\":\"" + id + "\"}" : "{\"error\":\"no such order\"}");
            } else if (path.equals("/boom")) {
                count("boom", 1);
                answer(exchange, 500, "{\"error\":\"boom\"}");
            } else if (path.equals("/hang")) {
                count("hang", 1);
                hanging.incrementAndGet();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, 200, "{}");
            } else {
                count("other", 1);
                answer(exchange, 400, "{\"error\":\"unknown route\"}");
            }
        }
    }

    private void count(String route, long n) {
        byRoute.computeIfAbsent(route, r -> new AtomicLong()).addAndGet(n);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, b.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
