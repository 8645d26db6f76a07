package io.sightline.ingest.export;

/**
 * The HTTP protocols {@link HttpExportTransport} speaks; each decides how an answer is classified
 * ({@link HttpAnswers}).
 */
public enum Protocol {
    /** OTLP/HTTP: {@code POST /v1/{traces,metrics,logs}}, 200 with an {@code Export*ServiceResponse}. */
    OTLP_HTTP,
    /** Prometheus remote_write 1.0: {@code POST /api/v1/write}, any 2xx accepted. */
    REMOTE_WRITE,
    /** Loki push: {@code POST /loki/api/v1/push}, 204 accepted. */
    LOKI_PUSH
}
