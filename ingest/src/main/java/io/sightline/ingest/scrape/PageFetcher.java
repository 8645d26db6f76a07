package io.sightline.ingest.scrape;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one target's page over HTTP with the job's timeout (for the whole exchange, body
 * included), body size limit, {@code Accept} header and credentials. Failures become
 * {@link ScrapeFailure}s worded for the target's health. Thread-safe (the client is shared).
 */
final class PageFetcher {
    /** A fetched page: its text and the format its {@code Content-Type} names. */
    record Page(String text, ExpositionFormat format) {
    }

    private final HttpClient client;

    PageFetcher(HttpClient client) {
        this.client = client;
    }

    /** The URL a target is scraped at: scheme, address, metrics path and params. */
    static URI url(ScrapeJob job, String address) {
        return url(job.scheme(), address, job.metricsPath(), job.params());
    }

    /** The URL of a target from its parts (after target relabelling). */
    static URI url(String scheme, String address, String path, Map<String, List<String>> params) {
        StringBuilder url = new StringBuilder(scheme).append("://").append(address)
                .append(path.startsWith("/") ? path : "/" + path);
        char separator = '?';
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            for (String value : param.getValue()) {
                url.append(separator).append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return URI.create(url.toString());
    }

    Page fetch(ScrapeJob job, URI url) throws ScrapeFailure, InterruptedException {
        Duration timeout = job.timeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(timeout)
                .header("Accept", ExpositionFormat.ACCEPT)
                .header("User-Agent", "Sightline")
                .header("X-Prometheus-Scrape-Timeout-Seconds", Double.toString(timeout.toMillis() / 1000.0));
        if (job.authorization() != null) {
            request.header("Authorization", job.authorization());
        }
        HttpResponse.BodyHandler<byte[]> body = job.bodySizeLimit() > 0
                ? HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofByteArray(), job.bodySizeLimit())
                : HttpResponse.BodyHandlers.ofByteArray();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request.build(), body);
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new ScrapeFailure("scrape timed out after " + seconds(timeout) + " (scrape_timeout)");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw failure(e.getCause(), job, url);
        }
        if (response.statusCode() != 200) {
            throw new ScrapeFailure("server returned HTTP status " + response.statusCode());
        }
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        return new Page(new String(response.body(), StandardCharsets.UTF_8), ExpositionFormat.of(contentType));
    }

    private static ScrapeFailure failure(Throwable cause, ScrapeJob job, URI url) {
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            return new ScrapeFailure("scrape timed out after " + seconds(job.timeout()) + " (scrape_timeout)", cause);
        }
        if (cause instanceof ConnectException) {
            // The JDK's message is often empty: name the address that refused.
            String detail = cause.getMessage() == null || cause.getMessage().isBlank() ? "" : " (" + cause.getMessage() + ")";
            return new ScrapeFailure("connection refused: " + url.getHost() + ":" + url.getPort() + detail, cause);
        }
        // BodyHandlers.limiting's refusal: "body exceeds capacity: N"
        if (cause instanceof IOException && job.bodySizeLimit() > 0
                && String.valueOf(cause.getMessage()).startsWith("body exceeds capacity")) {
            return new ScrapeFailure("body size limit exceeded: the page is over " + job.bodySizeLimit()
                    + " bytes (body_size_limit)", cause);
        }
        return new ScrapeFailure("scrape failed: " + cause, cause);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
