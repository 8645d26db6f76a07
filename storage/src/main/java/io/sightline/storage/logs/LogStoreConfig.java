package io.sightline.storage.logs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Lucene log store.
 *
 * @param directory          folder holding one sub-folder per day partition (UTC)
 * @param refreshInterval    how often new records become searchable
 * @param commitInterval     how often records are committed durably (a crash replays at most this
 *                           much from the WAL)
 * @param indexThreads       threads indexing in parallel (Lucene's IndexWriter is concurrent)
 * @param ramBufferMb        indexing buffer per partition before a segment is flushed
 * @param retentionAge       partitions whose day ended longer ago than this are deleted
 * @param retentionBytes     oldest partitions are deleted while the store is larger; 0 = no bound
 * @param scanMaxRecordsRead a scan fails ({@link LogScanLimitException}) when it would load more
 *                           records than this from stored fields (~1-2 µs each); default
 *                           {@value #DEFAULT_SCAN_MAX_RECORDS_READ}. Scans the index answers alone
 *                           (metric queries without line filters) read none
 * @param scanMaxDuration    no scan runs longer, whatever timeout it asks for; default 2 minutes
 */
public record LogStoreConfig(Path directory, Duration refreshInterval, Duration commitInterval, int indexThreads,
                             int ramBufferMb, Duration retentionAge, long retentionBytes, long scanMaxRecordsRead,
                             Duration scanMaxDuration) {
    public static final long DEFAULT_SCAN_MAX_RECORDS_READ = 10_000_000;
    public static final Duration DEFAULT_SCAN_MAX_DURATION = Duration.ofMinutes(2);

    public LogStoreConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(scanMaxDuration, "scanMaxDuration");
        if (indexThreads < 1) {
            throw new IllegalArgumentException("indexThreads must be at least 1, was " + indexThreads);
        }
        if (ramBufferMb < 1) {
            throw new IllegalArgumentException("ramBufferMb must be at least 1, was " + ramBufferMb);
        }
        if (retentionBytes < 0) {
            throw new IllegalArgumentException("retentionBytes must be >= 0, was " + retentionBytes);
        }
        if (scanMaxRecordsRead < 1) {
            throw new IllegalArgumentException("scanMaxRecordsRead must be at least 1, was " + scanMaxRecordsRead);
        }
        if (scanMaxDuration.isNegative() || scanMaxDuration.isZero()) {
            throw new IllegalArgumentException("scanMaxDuration must be positive, was " + scanMaxDuration);
        }
    }

    /** Settings with the default scan limits. */
    public LogStoreConfig(Path directory, Duration refreshInterval, Duration commitInterval, int indexThreads,
                          int ramBufferMb, Duration retentionAge, long retentionBytes) {
        this(directory, refreshInterval, commitInterval, indexThreads, ramBufferMb, retentionAge, retentionBytes,
                DEFAULT_SCAN_MAX_RECORDS_READ, DEFAULT_SCAN_MAX_DURATION);
    }

    /** Defaults: searchable within 1 s, committed every 5 s, one indexing thread, 7 days. */
    public static LogStoreConfig defaults(Path directory) {
        return new LogStoreConfig(directory, Duration.ofSeconds(1), Duration.ofSeconds(5), 1, 128,
                Duration.ofDays(7), 0);
    }

    /** These settings with other scan limits. */
    public LogStoreConfig withScanLimits(long maxRecordsRead, Duration maxDuration) {
        return new LogStoreConfig(directory, refreshInterval, commitInterval, indexThreads, ramBufferMb, retentionAge,
                retentionBytes, maxRecordsRead, maxDuration);
    }
}
