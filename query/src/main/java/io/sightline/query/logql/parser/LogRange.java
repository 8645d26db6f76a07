package io.sightline.query.logql.parser;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The argument of a range aggregation: a log query over a window,
 * {@code {app="api"} | logfmt | unwrap latency [5m] offset 1h}.
 *
 * @param selector the log query whose lines fall into each window
 * @param range    the window length (written {@code [5m]}; Prometheus duration, millisecond precision)
 * @param offset   how far back the window is moved ({@link Duration#ZERO} when not written; may be negative)
 * @param unwrap   the label whose value becomes the sample, when the aggregation takes values
 */
public record LogRange(LogSelectorExpr selector, Duration range, Duration offset, Optional<Unwrap> unwrap) {
    public LogRange {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(unwrap, "unwrap");
    }
}
