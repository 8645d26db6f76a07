package io.sightline.storage.logs;

import io.sightline.storage.tsdb.Labels;

/** Receives the records of a scan, in scan order. Called on the scanning thread. */
@FunctionalInterface
public interface LogRecordVisitor {
    /**
     * @param stream the record's stream labels (one shared instance per stream and partition)
     * @param record the whole record; its time is {@link LogRecord#effectiveTimeNanos()}
     * @return false to stop the scan
     */
    boolean visit(Labels stream, LogRecord record);
}
