package io.sightline.ingest.otlp;

import com.google.protobuf.Message;

/**
 * A request after validation.
 *
 * @param accepted   the request holding only the accepted items (the original if all were); an empty
 *                   message when {@code wire} holds the request instead
 * @param items      how many items (spans, log records, data points) the original held
 * @param rejections the items dropped and why
 * @param wire       the protobuf body when a wire check accepted all of it, so it is mapped from its
 *                   bytes ({@link MetricsWireReader}); null when {@code accepted} is the request
 */
record Validated(Message accepted, long items, Rejections rejections, byte[] wire) {
    Validated(Message accepted, long items, Rejections rejections) {
        this(accepted, items, rejections, null);
    }

    long acceptedItems() {
        return items - rejections.count();
    }
}
