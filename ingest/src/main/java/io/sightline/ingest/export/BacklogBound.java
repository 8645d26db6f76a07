package io.sightline.ingest.export;

import java.time.Duration;

/**
 * How far behind an exporter may fall before it drops its oldest data: entries written longer than
 * {@code maxAge} ago, or the oldest while more than {@code maxBytes} of WAL payload wait. Without
 * the bound a target that never returns would keep every WAL cycle file on disk.
 *
 * @param maxAge   oldest data kept for the target (Prometheus's remote_write keeps about 2 h)
 * @param maxBytes most WAL payload kept waiting, bytes; 0 = no size bound
 */
public record BacklogBound(Duration maxAge, long maxBytes) {
    public static final BacklogBound DEFAULT = new BacklogBound(Duration.ofHours(6), 1L << 30);

    public BacklogBound {
        if (maxAge.isNegative() || maxAge.isZero() || maxBytes < 0) {
            throw new IllegalArgumentException("backlog bound needs a positive max age and max bytes >= 0, was "
                    + maxAge + " and " + maxBytes);
        }
    }
}
