package io.sightline.storage.logs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.sightline.storage.tsdb.LabelMatcher;

/**
 * A scan of the log store: the records of the streams that {@code matchers} select (stream labels
 * as {@link LogStreams} defines them), in a time range, that pass every line filter in order. The
 * store's answer is exact; the index only narrows down where it looks.
 *
 * @param startNanos  earliest record time, inclusive, Unix epoch nanoseconds
 * @param endNanos    latest record time, <em>exclusive</em> (Loki's {@code query_range} end is
 *                    exclusive; a caller wanting an inclusive end passes {@code end + 1})
 * @param matchers    stream selector; all must match ({@code {}} with none selects every stream; a
 *                    matcher that matches "" also selects streams lacking the label)
 * @param lineFilters all must pass, applied in order
 * @param direction   {@link Direction#FORWARD}: oldest first; {@link Direction#BACKWARD}: newest
 *                    first. Ties in time are ordered by WAL index and position in the entry (in the
 *                    same direction), so results are deterministic
 * @param limit       at most this many records, those nearest the start (FORWARD) or end
 *                    (BACKWARD) of the range; 0 for all
 * @param timeout     the longest the scan may take (capped by {@link LogStoreConfig#scanMaxDuration})
 */
public record LogScan(long startNanos, long endNanos, List<LabelMatcher> matchers, List<LineFilter> lineFilters,
                      Direction direction, int limit, Duration timeout) {
    public enum Direction {
        FORWARD, BACKWARD
    }

    public LogScan {
        matchers = List.copyOf(matchers);
        lineFilters = List.copyOf(lineFilters);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(timeout, "timeout");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all), was " + limit);
        }
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("end must not be before start");
        }
    }
}
