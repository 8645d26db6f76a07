package io.sightline.ingest.export;

import java.util.EnumSet;
import java.util.Set;

import io.sightline.ingest.Signal;

/** The wire protocols an exporter speaks, with the signals each carries. */
public enum ExportProtocol {
    /** OTLP over gRPC (port 4317 by convention): all three signals. */
    OTLP_GRPC("otlp_grpc", EnumSet.allOf(Signal.class)),
    /** OTLP over HTTP with protobuf bodies (port 4318; {@code /v1/<signal>} appended to the endpoint). */
    OTLP_HTTP("otlp_http", EnumSet.allOf(Signal.class)),
    /** Prometheus remote_write 1.0 (snappy protobuf {@code WriteRequest}): metrics. */
    REMOTE_WRITE("remote_write", EnumSet.of(Signal.METRICS)),
    /** Loki push (snappy protobuf {@code PushRequest}): logs. */
    LOKI("loki", EnumSet.of(Signal.LOGS));

    private final String configName;
    private final Set<Signal> signals;

    ExportProtocol(String configName, Set<Signal> signals) {
        this.configName = configName;
        this.signals = signals;
    }

    /** The name in the exporters file ({@code protocol: otlp_grpc}). */
    public String configName() {
        return configName;
    }

    /** Signals this protocol can carry. */
    public Set<Signal> signals() {
        return signals;
    }

    /** @throws IllegalArgumentException naming the known protocols */
    static ExportProtocol named(String name, String where) {
        for (ExportProtocol protocol : values()) {
            if (protocol.configName.equals(name)) {
                return protocol;
            }
        }
        throw new IllegalArgumentException(where + ": unknown protocol \"" + name
                + "\" (known: otlp_grpc, otlp_http, remote_write, loki)");
    }
}
