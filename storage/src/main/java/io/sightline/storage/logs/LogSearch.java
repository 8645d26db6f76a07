package io.sightline.storage.logs;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A log search: every given criterion must match.
 *
 * @param startNanos     earliest record time, inclusive, Unix epoch nanoseconds
 * @param endNanos       latest record time, inclusive
 * @param service        exact {@code service.name}, if given
 * @param minSeverity    lowest severity number, 0 for any
 * @param traceId        exact trace id (hex), if given
 * @param attributes     exact record- or resource-attribute values, by key
 * @param text           full-text query over the body: terms (all must occur) and "quoted phrases";
 *                       {@code -term} excludes, {@code a | b} is either, {@code pre*} a prefix
 * @param limit          page size, at least 1
 * @param cursor         where the previous page ended ({@link LogPage#nextCursor()}), if paging
 * @param timeout        the longest the search may take before it fails
 */
public record LogSearch(long startNanos, long endNanos, Optional<String> service, int minSeverity,
                        Optional<String> traceId, Map<String, String> attributes, Optional<String> text, int limit,
                        Optional<String> cursor, Duration timeout) {
    public LogSearch {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(timeout, "timeout");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("end must not be before start");
        }
        attributes = Map.copyOf(attributes);
    }
}
