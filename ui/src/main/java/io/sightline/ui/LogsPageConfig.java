package io.sightline.ui;

import java.time.Duration;
import java.util.Objects;

/**
 * The logs page's bounds.
 *
 * @param pageSize     lines per page; default 50 (each line carries all its labels for expanding,
 *                     about 3 KB of HTML with the sample services' resources: 50 keeps a page near 150 KB)
 * @param volumeBars   most windows of the volume histogram; default 60
 * @param contextLines lines shown before and after the chosen line in the context view; default 20
 * @param contextSpan  how far before and after the chosen line the context view looks; default 1 hour
 * @param queryTimeout how long one LogQL evaluation of the page may take; default 30 s
 */
public record LogsPageConfig(int pageSize, int volumeBars, int contextLines, Duration contextSpan, Duration queryTimeout) {
    public LogsPageConfig {
        if (pageSize < 1 || volumeBars < 1 || contextLines < 1) {
            throw new IllegalArgumentException("pageSize, volumeBars and contextLines must be at least 1");
        }
        Objects.requireNonNull(contextSpan, "contextSpan");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        if (contextSpan.isNegative() || contextSpan.isZero() || queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("contextSpan and queryTimeout must be positive");
        }
    }

    public static LogsPageConfig defaults() {
        return new LogsPageConfig(50, 60, 20, Duration.ofHours(1), Duration.ofSeconds(30));
    }
}
