package io.sightline.ingest.export;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.sightline.ingest.Signal;

/**
 * One HTTP export endpoint. Start from {@link #otlp}, {@link #remoteWrite} or {@link #lokiPush},
 * which fill in each protocol's content type, coding and required headers.
 *
 * @param url              the full URL requests are POSTed to ({@code http} or {@code https}); user
 *                         info in it ({@code user:pass@}) becomes basic authentication and is never shown
 * @param protocol         how answers are classified
 * @param signal           the OTLP signal (which {@code Export*ServiceResponse} to read); null for the
 *                         other protocols
 * @param contentType      the request's {@code Content-Type}
 * @param coding           the body's compression
 * @param headers          extra request headers, in order ({@code Authorization}, {@code X-Scope-OrgID}, …)
 * @param timeout          bound on one whole exchange, connecting included (default 10 s, the OTLP
 *                         exporters' default; Prometheus's {@code remote_timeout} is 30 s)
 * @param tls              TLS for an {@code https} URL (default: the JVM's trust store)
 * @param maxResponseBytes answer bytes read for classification; the rest is discarded (default 64 KiB)
 */
public record HttpTransportConfig(URI url, Protocol protocol, Signal signal, String contentType, BodyCoding coding,
        Map<String, String> headers, Duration timeout, ExportTls tls, int maxResponseBytes) {
    /** Default {@link #timeout()}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@link #maxResponseBytes()}: ample for a partial-success message or an error text. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
    /** What remote_write 1.0 requires every request to say. */
    public static final String REMOTE_WRITE_VERSION = "0.1.0";
    /** The {@code User-Agent} of every request unless {@link #headers()} set one. */
    public static final String USER_AGENT = "Sightline-exporter";

    public HttpTransportConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(coding, "coding");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(tls, "tls");
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("export URL must be http or https: " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("export URL has no host: " + url);
        }
        if (protocol == Protocol.OTLP_HTTP && signal == null) {
            throw new IllegalArgumentException("an OTLP/HTTP transport needs its signal");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxResponseBytes < 0) {
            throw new IllegalArgumentException("maxResponseBytes must be >= 0, was " + maxResponseBytes);
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
    }

    /** OTLP/HTTP protobuf to {@code url} (e.g. {@code http://collector:4318/v1/traces}), gzip. */
    public static HttpTransportConfig otlp(URI url, Signal signal) {
        return new HttpTransportConfig(url, Protocol.OTLP_HTTP, signal, "application/x-protobuf", BodyCoding.GZIP,
                Map.of(), DEFAULT_TIMEOUT, ExportTls.DEFAULT, DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** remote_write 1.0 to {@code url} (e.g. {@code http://prometheus:9090/api/v1/write}): snappy and its version header. */
    public static HttpTransportConfig remoteWrite(URI url) {
        return new HttpTransportConfig(url, Protocol.REMOTE_WRITE, null, "application/x-protobuf", BodyCoding.SNAPPY,
                Map.of("X-Prometheus-Remote-Write-Version", REMOTE_WRITE_VERSION), DEFAULT_TIMEOUT, ExportTls.DEFAULT,
                DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** Loki push protobuf to {@code url} (e.g. {@code http://loki:3100/loki/api/v1/push}), snappy block. */
    public static HttpTransportConfig lokiPush(URI url) {
        return new HttpTransportConfig(url, Protocol.LOKI_PUSH, null, "application/x-protobuf", BodyCoding.SNAPPY,
                Map.of(), DEFAULT_TIMEOUT, ExportTls.DEFAULT, DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** This config with {@code extra} headers added after the current ones (replacing equal names). */
    public HttpTransportConfig withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new HttpTransportConfig(url, protocol, signal, contentType, coding, merged, timeout, tls, maxResponseBytes);
    }

    public HttpTransportConfig withCoding(BodyCoding newCoding) {
        return new HttpTransportConfig(url, protocol, signal, contentType, newCoding, headers, timeout, tls, maxResponseBytes);
    }

    public HttpTransportConfig withTimeout(Duration newTimeout) {
        return new HttpTransportConfig(url, protocol, signal, contentType, coding, headers, newTimeout, tls, maxResponseBytes);
    }

    public HttpTransportConfig withTls(ExportTls newTls) {
        return new HttpTransportConfig(url, protocol, signal, contentType, coding, headers, timeout, newTls, maxResponseBytes);
    }
}
