package io.sightline.ingest.export;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

/**
 * Sends export requests as HTTP POSTs with the JDK's {@link HttpClient}: one client (and its
 * connection pool) per transport, HTTP/2 over TLS when the server offers it, HTTP/1.1 otherwise.
 * The body is compressed per {@link HttpTransportConfig#coding()} by a pooled {@link BodyEncoder};
 * the answer is classified by {@link HttpAnswers}; network failures and timeouts are
 * {@link SendOutcome.Retryable}.
 *
 * <p>Thread-safe: {@link #send} blocks its caller (a virtual thread parks cheaply) and may be called
 * from several threads at once.
 */
public final class HttpExportTransport implements ExportTransport {
    /** How long {@link #close()} waits for exchanges in flight after cancelling them. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final HttpTransportConfig config;
    private final InstantSource clock;
    private final URI uri;
    private final String basicAuthorization;
    private final String target;
    private final HttpClient client;
    /**
     * Compressors with their buffers, lent to one send at a time: as many as sends run at once
     * (the exporter's shards).
     */
    private final Queue<BodyEncoder> encoders = new ConcurrentLinkedQueue<>();

    /**
     * @param clock for {@code Retry-After} dates only
     * @throws IllegalArgumentException for a header the JDK client refuses ({@code Host},
     *         {@code Content-Length}, …) or unreadable TLS files
     */
    public HttpExportTransport(HttpTransportConfig config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
        URI url = config.url();
        this.uri = withoutUserInfo(url, url.getRawQuery());
        this.basicAuthorization = url.getRawUserInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(
                        URLDecoder.decode(url.getRawUserInfo(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        this.target = withoutUserInfo(url, null).toString();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // h2 only through ALPN: a plaintext h2c upgrade attempt confuses some servers and proxies
                .version("https".equalsIgnoreCase(url.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
        if ("https".equalsIgnoreCase(url.getScheme())) {
            builder.sslContext(TlsContexts.jdk(config.tls()));
        }
        request(new byte[0], 0); // fails now, not at the first send, on a header the client refuses
        this.client = builder.build();
    }

    @Override
    public SendOutcome send(ExportRequest request) {
        BodyEncoder encoder = encoders.poll();
        if (encoder == null) {
            encoder = new BodyEncoder(config.coding());
        }
        byte[] body = encoder.encode(request.body(), request.length());
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request(body, encoder.length()), CappedBody.handler(config.maxResponseBytes()));
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            encoder.close(); // the cancelled exchange may still read its body: not lent again
            return timedOut();
        } catch (InterruptedException e) {
            exchange.cancel(true);
            encoder.close();
            Thread.currentThread().interrupt();
            return new SendOutcome.Retryable("interrupted while sending to " + target, null);
        } catch (ExecutionException e) {
            encoders.offer(encoder);
            return failed(e.getCause());
        }
        encoders.offer(encoder);
        return HttpAnswers.classify(config.protocol(), config.signal(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Retry-After").orElse(null), response.body(), clock.instant());
    }

    @Override
    public String target() {
        return target;
    }

    /** Cancels exchanges in flight and releases the client's connections and threads. */
    @Override
    public void close() {
        for (BodyEncoder encoder; (encoder = encoders.poll()) != null; ) {
            encoder.close();
        }
        client.shutdownNow();
        try {
            client.awaitTermination(CLOSE_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest request(byte[] body, int length) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(config.timeout())
                .header("Content-Type", config.contentType())
                .header("User-Agent", HttpTransportConfig.USER_AGENT)
                .POST(new WholeBodyPublisher(body, length));
        if (config.coding().contentEncoding() != null) {
            request.header("Content-Encoding", config.coding().contentEncoding());
        }
        if (basicAuthorization != null) {
            request.setHeader("Authorization", basicAuthorization);
        }
        for (Map.Entry<String, String> header : config.headers().entrySet()) {
            request.setHeader(header.getKey(), header.getValue());
        }
        return request.build();
    }

    private SendOutcome.Retryable failed(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new SendOutcome.Retryable("connecting to " + target + " timed out after " + seconds(config.timeout()), null);
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut();
        }
        if (cause instanceof ConnectException) {
            return new SendOutcome.Retryable("connection refused to " + target, null);
        }
        if (cause instanceof SSLException) {
            return new SendOutcome.Retryable("TLS with " + target + " failed: " + cause.getMessage(), null);
        }
        if (cause instanceof IOException) {
            return new SendOutcome.Retryable("sending to " + target + " failed: " + cause, null);
        }
        return new SendOutcome.Retryable("sending to " + target + " failed unexpectedly: " + cause, null);
    }

    private SendOutcome.Retryable timedOut() {
        return new SendOutcome.Retryable("timed out after " + seconds(config.timeout()) + " sending to " + target, null);
    }

    /** {@code url} without user info, with {@code rawQuery} (null: none) and no fragment; escapes kept as written. */
    private static URI withoutUserInfo(URI url, String rawQuery) {
        StringBuilder text = new StringBuilder(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() >= 0) {
            text.append(':').append(url.getPort());
        }
        text.append(url.getRawPath() == null ? "" : url.getRawPath());
        if (rawQuery != null) {
            text.append('?').append(rawQuery);
        }
        return URI.create(text.toString());
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
