package io.sightline.storage.logs;

import io.sightline.storage.tsdb.Labels;

/**
 * Receives what a metric query over logs needs of each matching record, without the record: its
 * time, stream and body size. Called on the scanning thread, in scan order.
 */
@FunctionalInterface
public interface LogSampleVisitor {
    /**
     * @param stream    the record's stream labels (one shared instance per stream and partition)
     * @param timeNanos the record's time, Unix epoch nanoseconds
     * @param bodyBytes the body's length in UTF-8 bytes (Loki's line size, for bytes_over_time)
     * @return false to stop the scan
     */
    boolean visit(Labels stream, long timeNanos, int bodyBytes);
}
