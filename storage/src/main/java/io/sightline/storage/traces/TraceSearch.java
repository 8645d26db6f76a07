package io.sightline.storage.traces;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A trace search, as Jaeger's and Tempo's search ask it. A trace matches when its spans in
 * [startNanos, endNanos) include <em>one</em> span meeting every span condition (service,
 * operation, kind, status, attributes, span duration: Jaeger's semantics) and the whole trace
 * meets the trace duration bounds (first span start to last span end of every stored span of the
 * trace, not only the root: a trace whose root has not arrived still has a duration).
 *
 * @param startNanos          range start, Unix epoch nanoseconds, inclusive (a span's start time)
 * @param endNanos            range end, exclusive
 * @param service             the matching span's service name
 * @param operation           the matching span's name
 * @param kind                the matching span's OTLP kind number
 * @param statusCode          the matching span's OTLP status code
 * @param attributes          conditions on the matching span's attributes (all must hold)
 * @param minSpanDuration     the matching span lasts at least this (zero: no bound)
 * @param maxSpanDuration     the matching span lasts at most this (zero: no bound)
 * @param minTraceDuration    the trace lasts at least this (zero: no bound)
 * @param maxTraceDuration    the trace lasts at most this (zero: no bound)
 * @param limit               most traces returned, the newest (by the trace's start) first; at least 1
 * @param timeout             how long the search may run before it fails
 */
public record TraceSearch(long startNanos, long endNanos, Optional<String> service, Optional<String> operation,
                          OptionalInt kind, OptionalInt statusCode, List<AttributeCondition> attributes,
                          Duration minSpanDuration, Duration maxSpanDuration, Duration minTraceDuration,
                          Duration maxTraceDuration, int limit, Duration timeout) {
    public TraceSearch {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(statusCode, "statusCode");
        attributes = List.copyOf(attributes);
        Objects.requireNonNull(minSpanDuration, "minSpanDuration");
        Objects.requireNonNull(maxSpanDuration, "maxSpanDuration");
        Objects.requireNonNull(minTraceDuration, "minTraceDuration");
        Objects.requireNonNull(maxTraceDuration, "maxTraceDuration");
        Objects.requireNonNull(timeout, "timeout");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
    }

    /** Every trace with a span in the range, newest first. */
    public static TraceSearch all(long startNanos, long endNanos, int limit, Duration timeout) {
        return new TraceSearch(startNanos, endNanos, Optional.empty(), Optional.empty(), OptionalInt.empty(),
                OptionalInt.empty(), List.of(), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                limit, timeout);
    }

    /**
     * A condition on an attribute of the matching span: its value, as text, equals {@code value}
     * (a long as its decimal digits, a boolean as {@code true}/{@code false}, a double as Java's
     * {@link Double#toString(double)} unless it is integral, then as the integer).
     *
     * @param scope where the attribute is looked up
     * @param key   the attribute key
     * @param value the wanted value as text
     */
    public record AttributeCondition(Scope scope, String key, String value) {
        public AttributeCondition {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Where an attribute condition looks. */
    public enum Scope {
        /** The span's own attributes. */
        SPAN,
        /** The span's resource attributes ({@code service.name} included). */
        RESOURCE,
        /** Either (Jaeger's tags). */
        ANY
    }
}
