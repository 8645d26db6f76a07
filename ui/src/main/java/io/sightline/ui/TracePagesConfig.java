package io.sightline.ui;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the trace pages.
 *
 * @param defaultLimit   traces a search lists when the form names no limit (default 20, as Jaeger UI)
 * @param maxLimit       most traces one search may list (default 500: the scatter and list stay light)
 * @param searchTimeout  how long a search may run before the page shows an error (default 10s)
 * @param maxLogRecords  most log records of one trace shown under its waterfall (default 500)
 * @param logMargin      how far before a trace's first span and after its last the trace's logs are
 *                       looked for (default 1m: a record may be written just after its span ends)
 */
public record TracePagesConfig(int defaultLimit, int maxLimit, Duration searchTimeout, int maxLogRecords,
                               Duration logMargin) {
    public TracePagesConfig {
        Objects.requireNonNull(searchTimeout, "searchTimeout");
        Objects.requireNonNull(logMargin, "logMargin");
        if (defaultLimit < 1 || maxLimit < defaultLimit || maxLogRecords < 1 || searchTimeout.isNegative()
                || searchTimeout.isZero() || logMargin.isNegative()) {
            throw new IllegalArgumentException("trace page limits must be positive, defaultLimit <= maxLimit: "
                    + defaultLimit + ", " + maxLimit + ", " + searchTimeout + ", " + maxLogRecords + ", " + logMargin);
        }
    }

    public static TracePagesConfig defaults() {
        return new TracePagesConfig(20, 500, Duration.ofSeconds(10), 500, Duration.ofMinutes(1));
    }
}
