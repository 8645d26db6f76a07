package io.sightline.ingest;

/** How a request arrived; {@link #label()} is the {@code transport} label of the ingest metrics. */
public enum Transport {
    GRPC("grpc"),
    HTTP_PROTOBUF("http_protobuf"),
    HTTP_JSON("http_json"),
    /** Prometheus remote_write 1.0 over HTTP (snappy protobuf). */
    REMOTE_WRITE("remote_write"),
    /** Loki's push API over HTTP (snappy protobuf or JSON). */
    LOKI("loki");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
