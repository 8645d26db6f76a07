package io.sightline.ingest.prometheus;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules {@link SeriesAdmission} applies to every sample before it is acknowledged.
 *
 * @param outOfOrderWindow   how far behind a series' newest accepted sample a sample may still be
 *                           accepted ({@code metrics.out-of-order-window}); 0 accepts only newer
 *                           samples, as Prometheus does by default
 * @param maxSeries          most series admission tracks at once ({@code metrics.max-series});
 *                           samples of further new series are rejected
 * @param maxSeriesPerMetric most series of one metric name ({@code metrics.max-series-per-metric})
 * @param maxLabelsPerSeries most labels on a series, {@code __name__} included
 *                           ({@code metrics.max-labels-per-series})
 * @param maxLabelNameBytes  longest label name, in UTF-8 bytes ({@code metrics.max-label-name-bytes})
 * @param maxLabelValueBytes longest label value, in UTF-8 bytes ({@code metrics.max-label-value-bytes})
 * @param seriesIdleTimeout  a series with no sample for this long is forgotten
 *                           ({@code metrics.series-idle-timeout}): it no longer counts against the
 *                           limits, and its next sample is judged as a new series' first
 * @param metadataRefresh    unchanged metric metadata is written to the WAL again after this long
 *                           ({@code metrics.metadata-refresh}), so a store that lost it relearns it
 */
public record AdmissionConfig(Duration outOfOrderWindow, int maxSeries, int maxSeriesPerMetric,
                              int maxLabelsPerSeries, int maxLabelNameBytes, int maxLabelValueBytes,
                              Duration seriesIdleTimeout, Duration metadataRefresh) {
    /** 500,000 series: about 150 MB of admission state at ~300 bytes a series, beside the TSDB head. */
    public static final int DEFAULT_MAX_SERIES = 500_000;
    /** 100,000: one exploding label on one metric cannot take all of {@link #DEFAULT_MAX_SERIES}. */
    public static final int DEFAULT_MAX_SERIES_PER_METRIC = 100_000;
    /** 64: room for every OTel resource attribute on target_info; far above what a query wants. */
    public static final int DEFAULT_MAX_LABELS_PER_SERIES = 64;
    /** 1 KiB and 2 KiB: Grafana Mimir's defaults for label names and values. */
    public static final int DEFAULT_MAX_LABEL_NAME_BYTES = 1024;
    public static final int DEFAULT_MAX_LABEL_VALUE_BYTES = 2048;
    /** One hour: a series silent that long is gone; Prometheus's head keeps series about as long. */
    public static final Duration DEFAULT_SERIES_IDLE_TIMEOUT = Duration.ofHours(1);
    /** Ten minutes: metadata rarely changes; this bounds how long a restarted store lacks it. */
    public static final Duration DEFAULT_METADATA_REFRESH = Duration.ofMinutes(10);

    public AdmissionConfig {
        Objects.requireNonNull(outOfOrderWindow, "outOfOrderWindow");
        Objects.requireNonNull(seriesIdleTimeout, "seriesIdleTimeout");
        Objects.requireNonNull(metadataRefresh, "metadataRefresh");
        if (outOfOrderWindow.isNegative()) {
            throw new IllegalArgumentException("metrics.out-of-order-window must be >= 0, was " + outOfOrderWindow);
        }
        positive("metrics.max-series", maxSeries);
        positive("metrics.max-series-per-metric", maxSeriesPerMetric);
        positive("metrics.max-labels-per-series", maxLabelsPerSeries);
        positive("metrics.max-label-name-bytes", maxLabelNameBytes);
        positive("metrics.max-label-value-bytes", maxLabelValueBytes);
        if (seriesIdleTimeout.compareTo(outOfOrderWindow) <= 0) {
            throw new IllegalArgumentException("metrics.series-idle-timeout (" + seriesIdleTimeout
                    + ") must be longer than metrics.out-of-order-window (" + outOfOrderWindow + ")");
        }
        if (!metadataRefresh.isPositive()) {
            throw new IllegalArgumentException("metrics.metadata-refresh must be > 0, was " + metadataRefresh);
        }
    }

    public static AdmissionConfig defaults() {
        return new AdmissionConfig(Duration.ZERO, DEFAULT_MAX_SERIES, DEFAULT_MAX_SERIES_PER_METRIC,
                DEFAULT_MAX_LABELS_PER_SERIES, DEFAULT_MAX_LABEL_NAME_BYTES, DEFAULT_MAX_LABEL_VALUE_BYTES,
                DEFAULT_SERIES_IDLE_TIMEOUT, DEFAULT_METADATA_REFRESH);
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, was " + value);
        }
    }
}
