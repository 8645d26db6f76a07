package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The assets over real HTTP: our own files and uPlot, gzip and ETags, and nothing else of the classpath. */
class StaticAssetsTest {
    private static WebServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.register(StaticAssets.PREFIX, new StaticAssets())).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void servesTheChartLibraryAndOurScriptsWithTheirTypes() throws Exception {
        HttpResponse<String> uplot = get("/ui/static/uplot/uPlot.iife.min.js", null);
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.headers().firstValue("content-type")).hasValue("text/javascript; charset=UTF-8");
        assertThat(uplot.body()).contains("uPlot");
        assertThat(get("/ui/static/app.js", null).body()).contains("drawChart");
        assertThat(get("/ui/static/app.css", null).headers().firstValue("content-type")).hasValue("text/css; charset=UTF-8");
        assertThat(get("/ui/static/uplot/uPlot.min.css", null).statusCode()).isEqualTo(200);
    }

    @Test
    void gzipWhenAcceptedAndNotModifiedForAKnownEtag() throws Exception {
        HttpResponse<byte[]> zipped = HTTP.send(HttpRequest.newBuilder(uri("/ui/static/uplot/uPlot.iife.min.js"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("content-encoding")).hasValue("gzip");
        String plain = get("/ui/static/uplot/uPlot.iife.min.js", null).body();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(plain);
        }
        assertThat(zipped.body().length).isLessThan(plain.length() / 2);
        String etag = zipped.headers().firstValue("etag").orElseThrow();
        assertThat(get("/ui/static/uplot/uPlot.iife.min.js", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void nothingElseOfTheClasspathIsReachable() throws Exception {
        for (String path : new String[] {"/ui/static/../templates/logs.html", "/ui/static/templates/logs.html",
                "/ui/static/missing.js", "/ui/static/io/sightline/ui/Pages.class", "/ui/static/%2e%2e/templates/logs.html",
                "/ui/static/uplot/package.json"}) {
            assertThat(get(path, null).statusCode()).as(path).isIn(400, 404);
        }
    }

    private static HttpResponse<String> get(String path, String etag) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
