package io.sightline.query.api.loki;

import java.util.Map;
import java.util.Objects;

/**
 * Newly stored log records as they become searchable, for Loki's {@code /tail}. The store's applier
 * implements it. Thread-safe.
 */
public interface LogTailSource {
    /**
     * Delivers every record stored from now on to {@code listener}, until the subscription is closed.
     * The listener is called on the store's applier thread, one record at a time in storage order; it
     * must return at once (the tail hands the record to a bounded queue and drops it when that is
     * full) and must not throw.
     */
    Subscription subscribe(Listener listener);

    /** Receives stored records; see {@link #subscribe}. */
    @FunctionalInterface
    interface Listener {
        void onRecord(TailRecord record);
    }

    /** Stops the deliveries; idempotent. Records may still arrive while close runs, none after. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * One stored record as a log line of a stream.
     *
     * @param timeNanos          the record's time, Unix epoch nanoseconds
     * @param streamLabels       the labels that identify its stream (Loki's stream labels)
     * @param line               the line (the record's body as text)
     * @param structuredMetadata the record's other attributes that Loki 3 would hold as structured
     *                           metadata; empty when none
     */
    record TailRecord(long timeNanos, Map<String, String> streamLabels, String line,
                      Map<String, String> structuredMetadata) {
        public TailRecord {
            Objects.requireNonNull(streamLabels, "streamLabels");
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(structuredMetadata, "structuredMetadata");
        }
    }
}
