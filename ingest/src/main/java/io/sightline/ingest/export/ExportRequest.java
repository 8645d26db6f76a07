package io.sightline.ingest.export;

import java.util.Arrays;
import java.util.Objects;

/**
 * One request an exporter sends: the protocol message's protobuf bytes, not yet compressed (the
 * transport compresses), and how many items (samples, log records, spans) it carries, for the
 * exporter's sent/failed/dropped counts.
 *
 * <p>The bytes are {@code body[0, length)}. An encoder may hand out its own buffer rather than a
 * copy: it stays unchanged until the encoder's next {@code add}, and the exporter finishes a batch
 * (every request answered, or the batch dropped) before it adds the next entry. A transport must
 * therefore be done reading the body when {@code send} returns.
 *
 * @param body   the serialised request message (an OTLP {@code Export*ServiceRequest}, a
 *               remote_write {@code WriteRequest}, a Loki {@code PushRequest}) from 0 to {@code length}
 * @param length bytes of the message
 * @param items  samples, log records or spans in the message
 */
public record ExportRequest(byte[] body, int length, int items) {
    public ExportRequest {
        Objects.requireNonNull(body, "body");
        if (length < 0 || length > body.length) {
            throw new IllegalArgumentException("length must be within the body's " + body.length + " bytes, was " + length);
        }
        if (items < 0) {
            throw new IllegalArgumentException("items must be >= 0, was " + items);
        }
    }

    /** A request that is the whole of {@code body}. */
    public ExportRequest(byte[] body, int items) {
        this(body, body.length, items);
    }

    /** The message as an array of its own size: the body itself when it is one, else a copy. */
    public byte[] bytes() {
        return length == body.length ? body : Arrays.copyOf(body, length);
    }
}
