package io.sightline.storage.traces;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the Lucene trace store ({@link LuceneTraceStore}).
 *
 * @param directory                 folder holding one sub-folder per UTC day of span starts
 * @param refreshInterval           how often appended spans are written to the indexes and become
 *                                  searchable; default 1 s
 * @param commitInterval            how often the indexes are committed with the WAL index they are
 *                                  durable up to (a crash replays at most this much); default 5 s
 * @param ramBufferMb               Lucene's indexing buffer per partition before a segment is flushed;
 *                                  default 32
 * @param maxBufferedSpans          spans held in memory between refreshes; past it the appending thread
 *                                  writes them itself (bounds the heap when the refresher falls
 *                                  behind); default {@value #DEFAULT_MAX_BUFFERED_SPANS}
 * @param retentionAge              partitions whose day ended longer ago than this are deleted; default 7 d
 * @param retentionBytes            oldest partitions are deleted while the store is larger; 0 = no bound
 * @param indexedSpanAttributes     span attribute keys whose values are index terms; conditions on
 *                                  other keys are checked on the stored spans of the candidates only
 * @param indexedResourceAttributes resource attribute keys whose values are index terms (service.name
 *                                  always is)
 * @param catalogue                 bounds of the in-memory catalogue of each partition
 * @param searchMaxPartsRead        a search fails ({@link TraceSearchException} naming this field) when
 *                                  it would decode more stored trace parts (the spans of one trace
 *                                  written by one refresh) than this; default {@value #DEFAULT_SEARCH_MAX_PARTS_READ}
 * @param searchMaxDuration         no search runs longer, whatever timeout it asks for; default 1 minute
 * @param bestCompression           DEFLATE always (true) or LZ4 when flushed and DEFLATE when merges
 *                                  rewrite (false, the default; the log index's codec) for the stored spans: on
 *                                  realistic spans DEFLATE took 69 instead of 102 bytes a span on
 *                                  disk but ~5 µs more CPU a span to write and 5x longer by-id reads
 *                                  (TraceStoreMeasurement); ingest CPU is the scarcer resource
 */
public record TraceStoreConfig(Path directory, Duration refreshInterval, Duration commitInterval, int ramBufferMb,
                               int maxBufferedSpans, Duration retentionAge, long retentionBytes,
                               Set<String> indexedSpanAttributes, Set<String> indexedResourceAttributes,
                               CatalogueLimits catalogue, long searchMaxPartsRead, Duration searchMaxDuration,
                               boolean bestCompression) {
    public static final int DEFAULT_MAX_BUFFERED_SPANS = 200_000;
    public static final long DEFAULT_SEARCH_MAX_PARTS_READ = 200_000;

    /**
     * Low-cardinality OpenTelemetry semantic-convention keys people search spans by (old and new
     * HTTP names): their distinct values are few, so their terms cost little disk and no sender
     * can blow up the term dictionary through them.
     */
    public static final Set<String> DEFAULT_INDEXED_SPAN_ATTRIBUTES = Set.copyOf(List.of(
            "http.request.method", "http.method", "http.response.status_code", "http.status_code", "http.route",
            "rpc.service", "rpc.method", "rpc.system", "rpc.grpc.status_code", "db.system", "db.system.name",
            "db.operation.name", "messaging.system", "messaging.operation", "peer.service", "error.type",
            "error", "otel.status_code"));

    /** Resource keys that partition environments (service.name is always indexed). */
    public static final Set<String> DEFAULT_INDEXED_RESOURCE_ATTRIBUTES = Set.copyOf(List.of(
            "deployment.environment", "deployment.environment.name", "service.namespace", "service.version",
            "k8s.namespace.name", "cloud.region"));

    public TraceStoreConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(retentionAge, "retentionAge");
        indexedSpanAttributes = Set.copyOf(indexedSpanAttributes);
        indexedResourceAttributes = Set.copyOf(indexedResourceAttributes);
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(searchMaxDuration, "searchMaxDuration");
        positive("refreshInterval", refreshInterval);
        positive("commitInterval", commitInterval);
        positive("retentionAge", retentionAge);
        positive("searchMaxDuration", searchMaxDuration);
        if (ramBufferMb < 1) {
            throw new IllegalArgumentException("ramBufferMb must be at least 1, was " + ramBufferMb);
        }
        if (maxBufferedSpans < 1) {
            throw new IllegalArgumentException("maxBufferedSpans must be at least 1, was " + maxBufferedSpans);
        }
        if (retentionBytes < 0) {
            throw new IllegalArgumentException("retentionBytes must be >= 0, was " + retentionBytes);
        }
        if (searchMaxPartsRead < 1) {
            throw new IllegalArgumentException("searchMaxPartsRead must be at least 1, was " + searchMaxPartsRead);
        }
    }

    /**
     * Defaults: searchable within about 1 s, committed every 5 s, 7 days, the default indexed keys
     * and catalogue bounds, spans LZ4-compressed when flushed, DEFLATE once merged.
     */
    public static TraceStoreConfig defaults(Path directory) {
        return new TraceStoreConfig(directory, Duration.ofSeconds(1), Duration.ofSeconds(5), 32,
                DEFAULT_MAX_BUFFERED_SPANS, Duration.ofDays(7), 0, DEFAULT_INDEXED_SPAN_ATTRIBUTES,
                DEFAULT_INDEXED_RESOURCE_ATTRIBUTES, CatalogueLimits.defaults(), DEFAULT_SEARCH_MAX_PARTS_READ,
                Duration.ofMinutes(1), false);
    }

    /** These settings with other refresh and commit intervals. */
    public TraceStoreConfig withIntervals(Duration refresh, Duration commit) {
        return new TraceStoreConfig(directory, refresh, commit, ramBufferMb, maxBufferedSpans, retentionAge,
                retentionBytes, indexedSpanAttributes, indexedResourceAttributes, catalogue, searchMaxPartsRead,
                searchMaxDuration, bestCompression);
    }

    /** These settings with other retention bounds. */
    public TraceStoreConfig withRetention(Duration age, long bytes) {
        return new TraceStoreConfig(directory, refreshInterval, commitInterval, ramBufferMb, maxBufferedSpans, age,
                bytes, indexedSpanAttributes, indexedResourceAttributes, catalogue, searchMaxPartsRead,
                searchMaxDuration, bestCompression);
    }

    /** These settings with other search limits. */
    public TraceStoreConfig withSearchLimits(long maxPartsRead, Duration maxDuration) {
        return new TraceStoreConfig(directory, refreshInterval, commitInterval, ramBufferMb, maxBufferedSpans,
                retentionAge, retentionBytes, indexedSpanAttributes, indexedResourceAttributes, catalogue,
                maxPartsRead, maxDuration, bestCompression);
    }

    /** These settings with other catalogue bounds. */
    public TraceStoreConfig withCatalogue(CatalogueLimits limits) {
        return new TraceStoreConfig(directory, refreshInterval, commitInterval, ramBufferMb, maxBufferedSpans,
                retentionAge, retentionBytes, indexedSpanAttributes, indexedResourceAttributes, limits,
                searchMaxPartsRead, searchMaxDuration, bestCompression);
    }

    /** These settings with other indexed attribute keys. */
    public TraceStoreConfig withIndexedAttributes(Set<String> spanKeys, Set<String> resourceKeys) {
        return new TraceStoreConfig(directory, refreshInterval, commitInterval, ramBufferMb, maxBufferedSpans,
                retentionAge, retentionBytes, spanKeys, resourceKeys, catalogue, searchMaxPartsRead,
                searchMaxDuration, bestCompression);
    }

    /** These settings with another stored-field compression. */
    public TraceStoreConfig withBestCompression(boolean best) {
        return new TraceStoreConfig(directory, refreshInterval, commitInterval, ramBufferMb, maxBufferedSpans,
                retentionAge, retentionBytes, indexedSpanAttributes, indexedResourceAttributes, catalogue,
                searchMaxPartsRead, searchMaxDuration, best);
    }

    /** These settings with another in-memory span bound. */
    public TraceStoreConfig withMaxBufferedSpans(int spans) {
        return new TraceStoreConfig(directory, refreshInterval, commitInterval, ramBufferMb, spans, retentionAge,
                retentionBytes, indexedSpanAttributes, indexedResourceAttributes, catalogue, searchMaxPartsRead,
                searchMaxDuration, bestCompression);
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /**
     * Bounds of each partition's catalogue (kept in memory and written as definition documents), so
     * a sender with ever-new span names or attribute values cannot grow it without end. Past a bound
     * new entries are not catalogued; searches still find their spans.
     *
     * @param maxServices             services per partition; default 1,000
     * @param maxOperationsPerService (span name, kind) pairs per service; default 1,000
     * @param maxKeys                 attribute keys per scope (span, resource); default 1,000
     * @param maxValuesPerKey         values kept per key; default 1,000
     * @param maxValueLength          longer values (in chars) are not catalogued; default 256
     */
    public record CatalogueLimits(int maxServices, int maxOperationsPerService, int maxKeys, int maxValuesPerKey,
                                  int maxValueLength) {
        public CatalogueLimits {
            if (maxServices < 1 || maxOperationsPerService < 1 || maxKeys < 1 || maxValuesPerKey < 1
                    || maxValueLength < 1) {
                throw new IllegalArgumentException("catalogue limits must be at least 1: " + maxServices + ", "
                        + maxOperationsPerService + ", " + maxKeys + ", " + maxValuesPerKey + ", " + maxValueLength);
            }
        }

        public static CatalogueLimits defaults() {
            return new CatalogueLimits(1_000, 1_000, 1_000, 1_000, 256);
        }
    }
}
