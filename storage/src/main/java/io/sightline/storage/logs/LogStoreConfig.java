package io.sightline.storage.logs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Lucene log store.
 *
 * @param directory       folder holding one sub-folder per day partition (UTC)
 * @param refreshInterval how often new records become searchable
 * @param commitInterval  how often records are committed durably (a crash replays at most this
 *                        much from the WAL)
 * @param indexThreads    threads indexing in parallel (Lucene's IndexWriter is concurrent)
 * @param ramBufferMb     indexing buffer per partition before a segment is flushed
 * @param retentionAge    partitions whose day ended longer ago than this are deleted
 * @param retentionBytes  oldest partitions are deleted while the store is larger; 0 = no bound
 */
public record LogStoreConfig(Path directory, Duration refreshInterval, Duration commitInterval, int indexThreads,
                             int ramBufferMb, Duration retentionAge, long retentionBytes) {
    public LogStoreConfig {
        Objects.requireNonNull(directory, "directory");
        if (indexThreads < 1) {
            throw new IllegalArgumentException("indexThreads must be at least 1, was " + indexThreads);
        }
        if (ramBufferMb < 1) {
            throw new IllegalArgumentException("ramBufferMb must be at least 1, was " + ramBufferMb);
        }
        if (retentionBytes < 0) {
            throw new IllegalArgumentException("retentionBytes must be >= 0, was " + retentionBytes);
        }
    }

    /** Defaults: searchable within 1 s, committed every 5 s, one indexing thread, 7 days. */
    public static LogStoreConfig defaults(Path directory) {
        return new LogStoreConfig(directory, Duration.ofSeconds(1), Duration.ofSeconds(5), 1, 128,
                Duration.ofDays(7), 0);
    }
}
