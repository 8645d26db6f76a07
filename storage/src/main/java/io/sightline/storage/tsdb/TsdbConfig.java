package io.sightline.storage.tsdb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the TSDB. Every limit here is enforced per sample or per new series and named in the
 * {@link SampleRejectedException} that refuses it.
 *
 * @param directory            root folder: {@code blocks/<id>/} below it
 * @param blockRange           time range of a block cut from the head (Prometheus: 2h); the head
 *                             is cut when it spans 1.5 times this, so it holds at most ~3 ranges
 * @param retentionAge         blocks ending longer ago than this are deleted (Prometheus: 15d)
 * @param retentionBytes       oldest blocks are deleted while all blocks together are larger;
 *                             0 = no bound
 * @param samplesPerChunk      samples per head chunk before a new one is cut (Prometheus: 120,
 *                             where Gorilla's compression stops improving)
 * @param outOfOrderWindow     how far behind a series' newest sample a sample may still be
 *                             accepted; only 0 is supported (see README, "What is left")
 * @param maxSeries            series the head may hold; 0 = no bound
 * @param maxSeriesPerMetric   series of one metric name the head may hold; 0 = no bound
 * @param maxLabelNameLength   characters of a label name
 * @param maxLabelValueLength  characters of a label value
 * @param maxLabelCount        labels of one series, the metric name included
 * @param maxExemplars         exemplars kept in the circular buffer (Prometheus: 100,000)
 * @param chunkSegmentBytes    a block's chunk file is split into segments of at most this size
 * @param compactedSamplesPerChunk samples per chunk in compacted blocks: compaction re-encodes a
 *                             series' chunks into chunks this long (fewer per-chunk headers and
 *                             index entries on disk; a seek decodes at most this many samples)
 */
public record TsdbConfig(Path directory, Duration blockRange, Duration retentionAge, long retentionBytes,
                         int samplesPerChunk, Duration outOfOrderWindow, int maxSeries, int maxSeriesPerMetric,
                         int maxLabelNameLength, int maxLabelValueLength, int maxLabelCount, int maxExemplars,
                         long chunkSegmentBytes, int compactedSamplesPerChunk) {
    public TsdbConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(blockRange, "blockRange");
        Objects.requireNonNull(retentionAge, "retentionAge");
        Objects.requireNonNull(outOfOrderWindow, "outOfOrderWindow");
        if (blockRange.toMillis() < 1) {
            throw new IllegalArgumentException("blockRange must be at least 1 ms, was " + blockRange);
        }
        if (retentionAge.toMillis() < 1) {
            throw new IllegalArgumentException("retentionAge must be at least 1 ms, was " + retentionAge);
        }
        if (retentionBytes < 0) {
            throw new IllegalArgumentException("retentionBytes must be >= 0, was " + retentionBytes);
        }
        if (samplesPerChunk < 2 || samplesPerChunk > 0xffff) {
            throw new IllegalArgumentException("samplesPerChunk must be in [2, 65535], was " + samplesPerChunk);
        }
        if (!outOfOrderWindow.isZero()) {
            throw new IllegalArgumentException("outOfOrderWindow: only 0 is supported, was " + outOfOrderWindow);
        }
        if (maxSeries < 0 || maxSeriesPerMetric < 0) {
            throw new IllegalArgumentException("maxSeries and maxSeriesPerMetric must be >= 0 (0 = no bound)");
        }
        if (maxLabelNameLength < 1 || maxLabelValueLength < 1 || maxLabelCount < 1) {
            throw new IllegalArgumentException("label limits must be at least 1");
        }
        if (maxExemplars < 0) {
            throw new IllegalArgumentException("maxExemplars must be >= 0, was " + maxExemplars);
        }
        if (compactedSamplesPerChunk < 2 || compactedSamplesPerChunk > 0xffff) {
            throw new IllegalArgumentException("compactedSamplesPerChunk must be in [2, 65535], was " + compactedSamplesPerChunk);
        }
        if (chunkSegmentBytes < 1024 || chunkSegmentBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("chunkSegmentBytes must be in [1024, 2^31-1], was " + chunkSegmentBytes);
        }
    }

    /**
     * Defaults: 2 h blocks, 15 days, no size bound, 120 samples a chunk, no out-of-order window,
     * 1,000,000 series (about 1.5 GB of head at the design target), 100,000 per metric, label
     * limits as Grafana Mimir's (names 1,024, values 2,048, 30 labels), 100,000 exemplars, 512 MiB
     * chunk segments (Prometheus's), 480 samples a compacted chunk (2 h at 15 s).
     */
    public static TsdbConfig defaults(Path directory) {
        return new TsdbConfig(directory, Duration.ofHours(2), Duration.ofDays(15), 0, 120, Duration.ZERO,
                1_000_000, 100_000, 1024, 2048, 30, 100_000, 512L << 20, 480);
    }

    public TsdbConfig withBlockRange(Duration range) {
        return new TsdbConfig(directory, range, retentionAge, retentionBytes, samplesPerChunk, outOfOrderWindow,
                maxSeries, maxSeriesPerMetric, maxLabelNameLength, maxLabelValueLength, maxLabelCount, maxExemplars,
                chunkSegmentBytes, compactedSamplesPerChunk);
    }

    public TsdbConfig withRetention(Duration age, long bytes) {
        return new TsdbConfig(directory, blockRange, age, bytes, samplesPerChunk, outOfOrderWindow,
                maxSeries, maxSeriesPerMetric, maxLabelNameLength, maxLabelValueLength, maxLabelCount, maxExemplars,
                chunkSegmentBytes, compactedSamplesPerChunk);
    }

    public TsdbConfig withSeriesLimits(int series, int seriesPerMetric) {
        return new TsdbConfig(directory, blockRange, retentionAge, retentionBytes, samplesPerChunk, outOfOrderWindow,
                series, seriesPerMetric, maxLabelNameLength, maxLabelValueLength, maxLabelCount, maxExemplars,
                chunkSegmentBytes, compactedSamplesPerChunk);
    }

    public TsdbConfig withLabelLimits(int nameLength, int valueLength, int count) {
        return new TsdbConfig(directory, blockRange, retentionAge, retentionBytes, samplesPerChunk, outOfOrderWindow,
                maxSeries, maxSeriesPerMetric, nameLength, valueLength, count, maxExemplars, chunkSegmentBytes, compactedSamplesPerChunk);
    }

    public TsdbConfig withMaxExemplars(int exemplars) {
        return new TsdbConfig(directory, blockRange, retentionAge, retentionBytes, samplesPerChunk, outOfOrderWindow,
                maxSeries, maxSeriesPerMetric, maxLabelNameLength, maxLabelValueLength, maxLabelCount, exemplars,
                chunkSegmentBytes, compactedSamplesPerChunk);
    }

    /** Block ranges of compaction levels: the block range times 1, 3, 9, ... up to the cap. */
    public long maxCompactedRangeMs() {
        long tenth = retentionAge.toMillis() / 10;
        return Math.max(blockRange.toMillis(), Math.min(tenth, Duration.ofDays(31).toMillis()));
    }
}
