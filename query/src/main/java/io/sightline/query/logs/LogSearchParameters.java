package io.sightline.query.logs;

import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.sightline.query.api.ApiTimes;
import io.sightline.query.api.BadRequestException;
import io.sightline.storage.logs.LogSearch;

/**
 * Turns the query parameters of a log search into a {@link LogSearch}: {@code start}, {@code end}
 * (RFC 3339 or Unix seconds; default the last hour), {@code service}, {@code min_severity},
 * {@code trace_id}, {@code attr.<key>}, {@code q}, {@code limit}, {@code cursor}.
 */
public final class LogSearchParameters {
    static final Duration DEFAULT_RANGE = Duration.ofHours(1);
    static final int DEFAULT_LIMIT = 100;
    private static final String ATTRIBUTE_PREFIX = "attr.";

    private final LogSearchLimits limits;
    private final InstantSource clock;

    public LogSearchParameters(LogSearchLimits limits, InstantSource clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * @param names  the parameter names present
     * @param values all values of a parameter by name
     */
    public LogSearch parse(Iterable<String> names, Function<String, List<String>> values) {
        Function<String, Optional<String>> single = name -> {
            List<String> all = values.apply(name);
            return all == null || all.isEmpty() || all.getLast().isEmpty() ? Optional.empty() : Optional.of(all.getLast());
        };
        long nowNanos = clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano();
        long end = single.apply("end").map(v -> ApiTimes.parseNanos("end", v)).orElse(nowNanos);
        long start = single.apply("start").map(v -> ApiTimes.parseNanos("start", v)).orElse(end - DEFAULT_RANGE.toNanos());
        if (end < start) {
            throw new BadRequestException("invalid parameter \"end\": end timestamp must not be before start time");
        }
        int minSeverity = single.apply("min_severity").map(v -> {
            try {
                return Severity.parse(v);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("invalid parameter \"min_severity\": " + e.getMessage());
            }
        }).orElse(0);
        Optional<String> traceId = single.apply("trace_id").map(v -> v.toLowerCase(java.util.Locale.ROOT));
        traceId.ifPresent(id -> {
            if (!id.matches("[0-9a-f]{32}")) {
                throw new BadRequestException("invalid parameter \"trace_id\": \"" + id + "\" is not 32 hexadecimal digits");
            }
        });
        int limit = single.apply("limit").map(v -> parseLimit(v)).orElse(Math.min(DEFAULT_LIMIT, limits.maxLimit()));
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : names) {
            if (name.startsWith(ATTRIBUTE_PREFIX) && name.length() > ATTRIBUTE_PREFIX.length()) {
                single.apply(name).ifPresent(v -> attributes.put(name.substring(ATTRIBUTE_PREFIX.length()), v));
            }
        }
        return new LogSearch(start, end, single.apply("service"), minSeverity, traceId, attributes, single.apply("q"),
                limit, single.apply("cursor"), limits.timeout());
    }

    private int parseLimit(String value) {
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("invalid parameter \"limit\": \"" + value + "\" is not a whole number");
        }
        if (limit < 1 || limit > limits.maxLimit()) {
            throw new BadRequestException("invalid parameter \"limit\": must be between 1 and " + limits.maxLimit()
                    + " (query.max-log-limit)");
        }
        return limit;
    }
}
