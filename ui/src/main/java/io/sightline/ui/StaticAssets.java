package io.sightline.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

import com.google.re2j.Pattern;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The pages' scripts, styles and the chart library, served from the jar under {@value #PREFIX}/: files
 * directly in the {@code ui/static/} resource folder whose names are plain {@code name.js} or
 * {@code name.css}, and uPlot from its WebJar (nothing else on the classpath is reachable). Each is
 * read once, with an ETag and, for clients that accept it, gzip-compressed bytes (uPlot is 50 KB,
 * 22 KB gzipped). Never a CDN: the UI makes no request outside Sightline. Thread-safe.
 */
final class StaticAssets implements HttpService {
    static final String PREFIX = "/ui/static";

    private record Asset(byte[] bytes, byte[] gzipped, String contentType, String etag) {
    }

    /** Names of our own assets: no path separators, so only the folder's own files are reachable. */
    private static final Pattern OWN_NAME = Pattern.compile("[a-z0-9-]{1,64}\\.(js|css)");

    private final Map<String, Asset> assets = new ConcurrentHashMap<>();

    StaticAssets() {
        String uplot = "META-INF/resources/webjars/uplot/" + webjarVersion("uplot") + "/dist/";
        assets.put("uplot/uPlot.min.css", load("uplot/uPlot.min.css", uplot + "uPlot.min.css"));
        assets.put("uplot/uPlot.iife.min.js", load("uplot/uPlot.iife.min.js", uplot + "uPlot.iife.min.js"));
        assets.put("app.css", load("app.css", "ui/static/app.css"));
        assets.put("app.js", load("app.js", "ui/static/app.js"));
    }

    /** The asset called {@code name}, loaded on first use; null when there is none (misses are not kept). */
    private Asset asset(String name) {
        Asset asset = assets.get(name);
        if (asset == null && OWN_NAME.matcher(name).matches()
                && StaticAssets.class.getClassLoader().getResource("ui/static/" + name) != null) {
            asset = assets.computeIfAbsent(name, n -> load(n, "ui/static/" + n));
        }
        return asset;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{+name}", this::serve);
    }

    private void serve(ServerRequest request, ServerResponse response) {
        Asset asset = asset(request.path().pathParameters().get("name"));
        if (asset == null) {
            response.status(Status.NOT_FOUND_404).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                    .send("no such asset\n");
            return;
        }
        response.header(HeaderNames.ETAG, asset.etag());
        response.header(HeaderNames.CACHE_CONTROL, "max-age=300");
        response.header(HeaderNames.VARY, "Accept-Encoding");
        if (request.headers().value(HeaderNames.IF_NONE_MATCH).map(asset.etag()::equals).orElse(false)) {
            response.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        boolean gzip = request.headers().value(HeaderNames.ACCEPT_ENCODING).map(v -> v.contains("gzip")).orElse(false);
        if (gzip) {
            response.header(HeaderNames.CONTENT_ENCODING, "gzip");
            response.send(asset.gzipped());
        } else {
            response.send(asset.bytes());
        }
    }

    private static Asset load(String name, String resource) {
        byte[] bytes = read(resource);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        String etag = "\"" + HexFormat.of().toHexDigits((int) crc.getValue()) + "-" + bytes.length + "\"";
        return new Asset(bytes, Gzip.compress(bytes), contentType(name), etag);
    }

    private static String contentType(String name) {
        if (name.endsWith(".css")) {
            return "text/css; charset=UTF-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=UTF-8";
        }
        throw new IllegalArgumentException("no content type for " + name);
    }

    private static String webjarVersion(String artifact) {
        String resource = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        Properties properties = new Properties();
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the " + artifact + " WebJar is missing from the classpath (" + resource + ")");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("asset missing from the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
