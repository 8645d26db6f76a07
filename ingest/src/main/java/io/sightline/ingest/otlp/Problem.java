package io.sightline.ingest.otlp;

/**
 * Why one item was rejected.
 *
 * @param reason  the {@code reason} label of {@code sightline_ingest_items_rejected_total}
 * @param message what was wrong, for the client, without the item's position
 */
record Problem(String reason, String message) {
    static final String INVALID_ID = "invalid_id";
    static final String ATTRIBUTE_COUNT = "attribute_count";
    static final String ATTRIBUTE_VALUE_SIZE = "attribute_value_size";
    static final String INVALID_METRIC = "invalid_metric";

    /** The same problem found on an enclosing part (resource, scope, event), named by {@code where}. */
    Problem in(String where) {
        return new Problem(reason, where + " " + message);
    }
}
