package io.sightline.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

import io.sightline.query.api.Logfmt;
import io.sightline.query.traces.GoDuration;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceSearch;

/**
 * The trace search form as typed: service, operation, tags in logfmt as Jaeger UI's tags box takes them
 * ({@code http.status_code=500 error=true}), the trace's shortest and longest duration in Go's syntax
 * ({@code 250ms}, {@code 1.5s}), status ({@code error}: a span failed; {@code ok}: none failed) and a
 * limit. Durations bound the whole trace (first span start to last span end), which is what the
 * scatter plots. Immutable.
 *
 * @param service     "" for any
 * @param operation   "" for any
 * @param tags        logfmt text, "" for none
 * @param minDuration Go duration text, "" for no bound
 * @param maxDuration Go duration text, "" for no bound
 * @param status      "", "error" or "ok"
 * @param limit       as typed, "" for the default
 */
record TraceSearchForm(String service, String operation, String tags, String minDuration, String maxDuration,
                       String status, String limit) {
    /** The query parameters this form reads, in the form's order. */
    static final List<String> PARAMETERS = List.of("service", "operation", "tags", "minDuration", "maxDuration",
            "status", "limit");

    static TraceSearchForm read(Function<String, Optional<String>> parameter) {
        Function<String, String> text = name -> parameter.apply(name).orElse("").strip();
        return new TraceSearchForm(text.apply("service"), text.apply("operation"), text.apply("tags"),
                text.apply("minDuration"), text.apply("maxDuration"), text.apply("status"), text.apply("limit"));
    }

    /** How many traces to list. */
    int limit(TracePagesConfig config) {
        if (limit.isEmpty()) {
            return config.defaultLimit();
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= config.maxLimit()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("limit: expected a whole number from 1 to " + config.maxLimit()
                + ", got \"" + limit + "\"");
    }

    /**
     * The store's search over [startNanos, endNanos). With status {@code ok} the store cannot say "no
     * span failed", so the page asks for more traces and keeps those without errors ({@link #keep}).
     *
     * @throws IllegalArgumentException naming the field that cannot be read
     */
    TraceSearch toSearch(long startNanos, long endNanos, TracePagesConfig config) {
        List<TraceSearch.AttributeCondition> conditions = new ArrayList<>();
        OptionalInt statusCode = switch (status) {
            case "" , "ok" -> OptionalInt.empty();
            case "error" -> OptionalInt.of(SpanRecord.STATUS_ERROR);
            default -> throw new IllegalArgumentException("status: expected error or ok, got \"" + status + "\"");
        };
        Map<String, String> pairs;
        try {
            pairs = Logfmt.pairs(tags);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("tags: " + e.getMessage());
        }
        pairs.forEach((key, value) -> conditions.add(new TraceSearch.AttributeCondition(TraceSearch.Scope.ANY, key, value)));
        Duration min = duration("minDuration", minDuration);
        Duration max = duration("maxDuration", maxDuration);
        if (!min.isZero() && !max.isZero() && max.compareTo(min) < 0) {
            throw new IllegalArgumentException("maxDuration (" + maxDuration + ") is shorter than minDuration ("
                    + minDuration + ")");
        }
        int wanted = limit(config);
        int asked = status.equals("ok") ? Math.min(config.maxLimit(), wanted * 4) : wanted;
        return new TraceSearch(startNanos, endNanos, optional(service), optional(operation), OptionalInt.empty(),
                statusCode, conditions, Duration.ZERO, Duration.ZERO, min, max, asked, config.searchTimeout());
    }

    /** Whether a trace with {@code errorCount} failed spans belongs in the list. */
    boolean keep(int errorCount) {
        return !status.equals("ok") || errorCount == 0;
    }

    private static Optional<String> optional(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static Duration duration(String name, String text) {
        if (text.isEmpty()) {
            return Duration.ZERO;
        }
        OptionalLong nanos = GoDuration.parseNanos(text);
        if (nanos.isEmpty() || nanos.getAsLong() < 0) {
            throw new IllegalArgumentException(name + ": expected a duration such as 250ms or 1.5s, got \"" + text + "\"");
        }
        return Duration.ofNanos(nanos.getAsLong());
    }
}
