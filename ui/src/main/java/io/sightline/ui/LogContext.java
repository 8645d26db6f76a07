package io.sightline.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.sightline.query.logql.LogqlDirection;
import io.sightline.query.logql.LogqlRequest;
import io.sightline.query.logql.LogqlResult;
import io.sightline.query.promql.parser.GoStrings;
import io.sightline.storage.logs.LogStreams;

/**
 * The context of one log line: up to {@code lines} lines of the same service at or before its time
 * (the line itself and any sharing its nanosecond included) and up to {@code lines} after it, within
 * {@code span} either side, as two LogQL queries over the service's streams. Immutable.
 *
 * @param service     {@code service_name} of the line
 * @param anchorNanos the line's time, Unix epoch nanoseconds
 * @param lines       lines wanted on each side
 * @param span        how far to look on each side
 */
record LogContext(String service, long anchorNanos, int lines, Duration span) {
    LogContext {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(span, "span");
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be at least 1");
        }
    }

    /** {@code {service_name="…"}}. */
    String selector() {
        return "{" + LogStreams.SERVICE_NAME + "=" + GoStrings.quote(service) + "}";
    }

    /** Lines at or before the anchor, newest first: (anchor − span, anchor], one more than {@code lines} for the anchor. */
    LogqlRequest before(Duration timeout) {
        long start = Math.max(0, anchorNanos - span.toNanos());
        return new LogqlRequest(selector(), start, anchorNanos + 1, 1, 0, LogqlDirection.BACKWARD, lines + 1, timeout);
    }

    /** Lines after the anchor, oldest first: (anchor, anchor + span]. */
    LogqlRequest after(Duration timeout) {
        return new LogqlRequest(selector(), anchorNanos + 1, anchorNanos + 1 + span.toNanos(), 1, 0,
                LogqlDirection.FORWARD, lines, timeout);
    }

    /** Both answers as one list, newest first, the later lines first and at most {@code lines} after the anchor. */
    List<LogRow> merge(LogqlResult.Streams before, LogqlResult.Streams after) {
        List<LogRow> later = LogRow.of(after);
        List<LogRow> rows = new ArrayList<>(later.subList(Math.max(0, later.size() - lines), later.size()));
        rows.addAll(LogRow.of(before));
        return rows;
    }

    /** Whether a row is the chosen line (or shares its nanosecond). */
    public boolean isAnchor(LogRow row) {
        return row.timeNanos() == anchorNanos;
    }
}
