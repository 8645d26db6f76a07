package io.sightline.ingest.export;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.sightline.ingest.Signal;

/**
 * One OTLP/gRPC export endpoint.
 *
 * @param host             the server's host name or address
 * @param port             its port (4317 by convention)
 * @param signal           which service's {@code Export} is called, and which response is read
 * @param plaintext        no TLS (the collector's {@code insecure: true}); else TLS per {@code tls}
 * @param tls              TLS when not {@code plaintext} (default: the JVM's trust store)
 * @param gzip             compress requests with gzip (default true, as the collector's OTLP exporter)
 * @param headers          request metadata ({@code authorization}, {@code x-scope-orgid}, …); names are
 *                         sent lower-case; binary ({@code -bin}) keys are not supported
 * @param timeout          the deadline of one call (default 10 s, the OTLP exporters' default)
 * @param maxResponseBytes largest response message accepted (default 4 MiB, grpc-java's default)
 */
public record OtlpGrpcTransportConfig(String host, int port, Signal signal, boolean plaintext, ExportTls tls, boolean gzip,
        Map<String, String> headers, Duration timeout, int maxResponseBytes) {
    /** Default {@link #timeout()}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@link #maxResponseBytes()}. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    public OtlpGrpcTransportConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be within [1, 65535], was " + port);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be positive, was " + maxResponseBytes);
        }
        for (String name : Objects.requireNonNull(headers, "headers").keySet()) {
            if (name.toLowerCase(Locale.ROOT).endsWith("-bin")) {
                throw new IllegalArgumentException("binary gRPC metadata is not supported: " + name);
            }
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Plaintext OTLP/gRPC to {@code host:port}, gzip, no headers, the default timeout. */
    public static OtlpGrpcTransportConfig plaintext(String host, int port, Signal signal) {
        return new OtlpGrpcTransportConfig(host, port, signal, true, ExportTls.DEFAULT, true, Map.of(), DEFAULT_TIMEOUT,
                DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** OTLP/gRPC over TLS to {@code host:port}. */
    public static OtlpGrpcTransportConfig tls(String host, int port, Signal signal, ExportTls tls) {
        return new OtlpGrpcTransportConfig(host, port, signal, false, tls, true, Map.of(), DEFAULT_TIMEOUT,
                DEFAULT_MAX_RESPONSE_BYTES);
    }

    public OtlpGrpcTransportConfig withHeaders(Map<String, String> newHeaders) {
        return new OtlpGrpcTransportConfig(host, port, signal, plaintext, tls, gzip, newHeaders, timeout, maxResponseBytes);
    }

    public OtlpGrpcTransportConfig withGzip(boolean newGzip) {
        return new OtlpGrpcTransportConfig(host, port, signal, plaintext, tls, newGzip, headers, timeout, maxResponseBytes);
    }

    public OtlpGrpcTransportConfig withTimeout(Duration newTimeout) {
        return new OtlpGrpcTransportConfig(host, port, signal, plaintext, tls, gzip, headers, newTimeout, maxResponseBytes);
    }
}
