package io.sightline.ingest.otlp;

import com.google.protobuf.Message;

/**
 * A request after validation.
 *
 * @param accepted   the request holding only the accepted items (the original if all were)
 * @param items      how many items (spans, log records, data points) the original held
 * @param rejections the items dropped and why
 */
record Validated(Message accepted, long items, Rejections rejections) {
    long acceptedItems() {
        return items - rejections.count();
    }
}
