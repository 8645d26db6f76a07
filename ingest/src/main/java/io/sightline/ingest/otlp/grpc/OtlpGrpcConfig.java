package io.sightline.ingest.otlp.grpc;

import java.util.Objects;

/**
 * Where the OTLP/gRPC receiver listens.
 *
 * @param host address to bind ("0.0.0.0" for all interfaces, "127.0.0.1" for local clients only)
 * @param port TCP port, 4317 by convention; 0 picks a free one (see {@link OtlpGrpcReceiver#port()})
 */
public record OtlpGrpcConfig(String host, int port) {
    public OtlpGrpcConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("otlp-grpc-port must be 0..65535, was " + port);
        }
    }
}
