package io.sightline.ingest.export;

import java.util.Objects;

/**
 * One request an exporter sends: the protocol message's protobuf bytes, not yet compressed (the
 * transport compresses), and how many items (samples, log records, spans) it carries, for the
 * exporter's sent/failed/dropped counts.
 *
 * @param body  the serialised request message (an OTLP {@code Export*ServiceRequest}, a
 *              remote_write {@code WriteRequest}, a Loki {@code PushRequest})
 * @param items samples, log records or spans in {@code body}
 */
public record ExportRequest(byte[] body, int items) {
    public ExportRequest {
        Objects.requireNonNull(body, "body");
        if (items < 0) {
            throw new IllegalArgumentException("items must be >= 0, was " + items);
        }
    }
}
