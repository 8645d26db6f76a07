package io.sightline.ingest.loki;

import java.util.List;

/**
 * One stream of a decoded push request, before validation.
 *
 * @param labels  the labels string as sent, e.g. {@code {job="varlogs"}} (for JSON pushes, built
 *                from the label object as Loki does)
 * @param entries in the order sent
 */
record PushStream(String labels, List<Entry> entries) {
    /**
     * One log line.
     *
     * @param timestampNanos     Unix epoch nanoseconds, as sent (possibly negative)
     * @param line               the log line
     * @param structuredMetadata name/value pairs in the order sent
     */
    record Entry(long timestampNanos, String line, List<LokiLabel> structuredMetadata) {
    }
}
