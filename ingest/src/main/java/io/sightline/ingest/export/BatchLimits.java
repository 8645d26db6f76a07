package io.sightline.ingest.export;

import java.time.Duration;

/**
 * When an exporter sends: as soon as the pending batch reaches {@code maxBytes} (uncompressed), or
 * once the WAL has had nothing new for the batch's first entry's {@code maxDelay}. Larger batches
 * cost the target less per item; the delay bounds how stale a quiet signal's last items get.
 *
 * @param maxBytes uncompressed request size that sends a batch (OTLP receivers commonly accept 4 MiB)
 * @param maxDelay longest an item waits for its batch to fill
 */
public record BatchLimits(long maxBytes, Duration maxDelay) {
    public static final BatchLimits DEFAULT = new BatchLimits(1L << 20, Duration.ofMillis(200));
    /**
     * The default of the HTTP protocols that carry big requests well, remote_write and OTLP/HTTP:
     * 4 MiB. The JDK HTTP client's CPU a request was a third of remote_write forwarding's cost at 1
     * MiB (its requests are label-heavy: a series' labels with every sample); their receivers take
     * far larger bodies (Sightline 16 MiB, the OpenTelemetry Collector's HTTP receiver 20 MiB,
     * Mimir 100 MiB). OTLP/gRPC and Loki keep 1 MiB: gRPC servers commonly refuse messages over
     * 4 MiB, and Loki rate-limits per stream.
     */
    public static final BatchLimits LARGE_HTTP_DEFAULT = new BatchLimits(4L << 20, DEFAULT.maxDelay());

    /** The default limits of an exporter of {@code protocol}. */
    public static BatchLimits defaultFor(ExportProtocol protocol) {
        return protocol == ExportProtocol.REMOTE_WRITE || protocol == ExportProtocol.OTLP_HTTP ? LARGE_HTTP_DEFAULT : DEFAULT;
    }

    public BatchLimits {
        if (maxBytes <= 0 || maxDelay.isNegative()) {
            throw new IllegalArgumentException("batch needs max bytes > 0 and a max delay >= 0, was " + maxBytes
                    + " and " + maxDelay);
        }
    }
}
