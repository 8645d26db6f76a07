package io.sightline.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** {@link PageFetcher} against a real local HTTP server: headers sent, formats, limits, statuses. */
class ScrapePageFetcherTest {
    private HttpServer server;
    private final AtomicReference<String> seenAccept = new AtomicReference<>();
    private final AtomicReference<String> seenAuthorization = new AtomicReference<>();
    private final AtomicReference<String> seenQuery = new AtomicReference<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/metrics", exchange -> {
            seenAccept.set(exchange.getRequestHeaders().getFirst("Accept"));
            seenAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            seenQuery.set(exchange.getRequestURI().getRawQuery());
            byte[] body = "x_total 1\n# EOF\n".repeat(100).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/openmetrics-text; version=1.0.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        client.close();
    }

    private ScrapeJob job(String path, long bodyLimit) {
        return new ScrapeJob("j", "http", path, Map.of("module", List.of("a b")), Duration.ofSeconds(5), Duration.ofSeconds(2),
                false, true, 0, bodyLimit, "Bearer t0ken", List.of(), List.of(), List.of());
    }

    private String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void sendsPrometheusHeadersAndReadsTheFormat() throws Exception {
        ScrapeJob job = job("/metrics", 0);
        PageFetcher.Page page = new PageFetcher(client).fetch(job, PageFetcher.url(job, address()));
        assertThat(page.format()).isEqualTo(ExpositionFormat.OPENMETRICS);
        assertThat(page.text()).startsWith("x_total 1\n");
        assertThat(seenAccept.get()).startsWith("application/openmetrics-text");
        assertThat(seenAuthorization.get()).isEqualTo("Bearer t0ken");
        assertThat(seenQuery.get()).isEqualTo("module=a+b");
    }

    @Test
    void refusesAPageOverTheBodyLimit() {
        ScrapeJob job = job("/metrics", 100);
        assertThatThrownBy(() -> new PageFetcher(client).fetch(job, PageFetcher.url(job, address())))
                .isInstanceOf(ScrapeFailure.class)
                .hasMessage("body size limit exceeded: the page is over 100 bytes (body_size_limit)");
    }

    @Test
    void namesAnHttpError() {
        ScrapeJob job = job("/missing", 0);
        assertThatThrownBy(() -> new PageFetcher(client).fetch(job, PageFetcher.url(job, address())))
                .isInstanceOf(ScrapeFailure.class).hasMessage("server returned HTTP status 404");
    }
}
