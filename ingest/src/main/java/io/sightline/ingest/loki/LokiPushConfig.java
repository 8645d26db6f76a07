package io.sightline.ingest.loki;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Bounds and choices of the Loki push receiver; the defaults are Loki's own.
 *
 * @param maxRequestBytes        largest body after decompression (gzip, and snappy's declared size),
 *                               bytes ({@code loki.max-request-bytes}); beyond: 413
 * @param maxLabelsPerStream     label names of one stream, {@code service_name} not counted, as in
 *                               Loki ({@code loki.max-labels-per-stream}, Loki 15)
 * @param maxLabelNameBytes      UTF-8 bytes of a label name ({@code loki.max-label-name-bytes}, Loki 1024)
 * @param maxLabelValueBytes     UTF-8 bytes of a label value ({@code loki.max-label-value-bytes}, Loki 2048)
 * @param rejectOldSamplesMaxAge entries older than this before the receive time are rejected; zero
 *                               accepts any age ({@code loki.reject-old-samples-max-age}, Loki 7d)
 * @param creationGracePeriod    entries newer than the receive time plus this are rejected
 *                               ({@code loki.creation-grace-period}, Loki 10m)
 * @param discoverServiceName    labels whose value becomes {@code service.name}, first present wins,
 *                               when a stream has no {@code service_name}; {@code unknown_service}
 *                               when none is present; an empty list turns discovery off
 *                               ({@code loki.discover-service-name}, Loki 3's list)
 */
public record LokiPushConfig(int maxRequestBytes, int maxLabelsPerStream, int maxLabelNameBytes,
                             int maxLabelValueBytes, Duration rejectOldSamplesMaxAge, Duration creationGracePeriod,
                             List<String> discoverServiceName) {
    /** 16 MiB, as {@code ingest.max-request-bytes}. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    /** Loki's {@code discover_service_name} default, in its order. */
    public static final List<String> DEFAULT_DISCOVER_SERVICE_NAME = List.of("service", "app", "application",
            "app_name", "name", "app_kubernetes_io_name", "container", "container_name", "k8s_container_name",
            "component", "workload", "job", "k8s_job_name");

    public LokiPushConfig {
        positive(maxRequestBytes, "loki.max-request-bytes");
        positive(maxLabelsPerStream, "loki.max-labels-per-stream");
        positive(maxLabelNameBytes, "loki.max-label-name-bytes");
        positive(maxLabelValueBytes, "loki.max-label-value-bytes");
        Objects.requireNonNull(rejectOldSamplesMaxAge, "rejectOldSamplesMaxAge");
        Objects.requireNonNull(creationGracePeriod, "creationGracePeriod");
        if (rejectOldSamplesMaxAge.isNegative() || creationGracePeriod.isNegative()) {
            throw new IllegalArgumentException("loki.reject-old-samples-max-age and loki.creation-grace-period must not be negative");
        }
        discoverServiceName = List.copyOf(discoverServiceName);
    }

    /** Loki's defaults: 15 labels, 1024 / 2048 bytes, 7 d back, 10 m ahead, Loki 3's service name labels. */
    public static LokiPushConfig defaults() {
        return new LokiPushConfig(DEFAULT_MAX_REQUEST_BYTES, 15, 1024, 2048, Duration.ofDays(7), Duration.ofMinutes(10),
                DEFAULT_DISCOVER_SERVICE_NAME);
    }

    private static void positive(int value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, was " + value);
        }
    }
}
