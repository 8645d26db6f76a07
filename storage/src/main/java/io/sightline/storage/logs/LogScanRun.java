package io.sightline.storage.logs;

import java.time.Duration;
import java.util.Optional;

import io.sightline.storage.tsdb.Labels;
import org.apache.lucene.search.Query;

/**
 * The state of one scan: its compiled filters, limits and counters. Used by one thread.
 */
final class LogScanRun {
    private final LogScan scan;
    private final LogStoreConfig config;
    private final boolean readRecords;
    private final boolean unordered;
    private final LogScanner.Sink sink;
    private final LineFilterMatcher matcher;
    private final Optional<Query> pushdown;
    private final long started = System.nanoTime();
    private final Duration timeout;
    private final long deadline;
    private int searched;
    private int skipped;
    private int streams;
    private String query = "";
    private long candidates;
    private long partitionCandidates;
    private long recordsRead;
    private long matched;
    private boolean stopped;

    LogScanRun(LogScan scan, LogStoreConfig config, boolean readRecords, boolean unorderedAllowed,
               LogScanner.Sink sink) {
        this.scan = scan;
        this.config = config;
        this.readRecords = readRecords;
        this.sink = sink;
        this.matcher = new LineFilterMatcher(scan.lineFilters());
        this.pushdown = matcher.trivial() ? Optional.empty() : LineFilterQueries.of(scan.lineFilters());
        this.timeout = LogScanner.effectiveTimeout(scan, config);
        this.deadline = started + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
        this.unordered = unorderedAllowed && !readsStored() && scan.limit() == 0;
    }

    /** Whether matches go out in segment order: nothing to read or verify, no limit to honour. */
    boolean unordered() {
        return unordered;
    }

    LogScan scan() {
        return scan;
    }

    Optional<Query> pushdown() {
        return pushdown;
    }

    /** Whether each candidate's stored record must be read: to return it, or to verify filters. */
    boolean readsStored() {
        return readRecords || !matcher.trivial();
    }

    boolean readRecords() {
        return readRecords;
    }

    boolean verifies() {
        return !matcher.trivial();
    }

    boolean passes(String body) {
        return matcher.matches(body);
    }

    boolean done() {
        return stopped || (scan.limit() > 0 && matched >= scan.limit());
    }

    void skipped() {
        skipped++;
    }

    void searched(int selectedStreams, String luceneQuery) {
        searched++;
        streams += selectedStreams;
        query = luceneQuery;
        partitionCandidates = 0;
    }

    void partitionCandidates(long count) {
        partitionCandidates = count;
    }

    long partitionCandidates() {
        return partitionCandidates;
    }

    void candidates(int count) {
        candidates += count;
    }

    /** Counts a stored record read; fails past {@link LogStoreConfig#scanMaxRecordsRead()}. */
    void recordRead() {
        if (++recordsRead > config.scanMaxRecordsRead()) {
            throw new LogScanLimitException("scanMaxRecordsRead", "log scan would read more than "
                    + config.scanMaxRecordsRead() + " stored records (scanMaxRecordsRead); narrow the time range,"
                    + " the stream selector or the line filters");
        }
        if ((recordsRead & 0xff) == 0) {
            checkTime();
        }
    }

    /** Hands a match to the caller; false once the scan is done. */
    boolean deliver(Labels stream, long timeNanos, int bodyBytes, LogRecord record) {
        matched++;
        if (!sink.accept(stream, timeNanos, bodyBytes, record)) {
            stopped = true;
        }
        return !done();
    }

    void checkTime() {
        if (System.nanoTime() - deadline > 0) {
            boolean capped = timeout.equals(config.scanMaxDuration()) && scan.timeout().compareTo(timeout) > 0;
            String limit = capped ? "scanMaxDuration" : "timeout";
            throw new LogScanLimitException(limit, "log scan took longer than its limit of " + timeout.toMillis()
                    + " ms (" + limit + "); narrow the time range or the query");
        }
    }

    LogScanStats stats() {
        return new LogScanStats(searched, skipped, streams, query, candidates, recordsRead, matched, !verifies(),
                Duration.ofNanos(System.nanoTime() - started));
    }
}
