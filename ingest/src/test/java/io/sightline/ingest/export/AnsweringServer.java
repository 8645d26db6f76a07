package io.sightline.ingest.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real local HTTP(S) server (the JDK's) on an ephemeral port that records the last request and
 * answers what the test set with {@link #answer}.
 */
final class AnsweringServer implements AutoCloseable {
    /** One scripted answer. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), new byte[0]);
        }
    }

    /** What the server received. */
    record Received(String method, String path, Headers headers, byte[] body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.of(200));
    private final AtomicReference<Received> received = new AtomicReference<>();

    private AnsweringServer(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            received.set(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
            Answer a = answer.get();
            a.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
            if (a.body().length > 0) {
                exchange.getResponseBody().write(a.body());
            }
            exchange.close();
        });
        server.start();
    }

    static AnsweringServer http() {
        try {
            return new AnsweringServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTPS server presenting {@code context}'s certificate; {@code needClientAuth} asks for mutual TLS. */
    static AnsweringServer https(SSLContext context, boolean needClientAuth) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    var parameters = context.getDefaultSSLParameters();
                    parameters.setNeedClientAuth(needClientAuth);
                    params.setSSLParameters(parameters);
                }
            });
            return new AnsweringServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void answer(Answer next) {
        answer.set(next);
    }

    /** The last request, or null. */
    Received received() {
        return received.get();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
