package io.sightline.ingest.scrape;

import io.sightline.storage.tsdb.Labels;

/**
 * One sample line of a scraped page.
 *
 * @param labels      the series: {@code __name__} and the page's labels (empty values dropped);
 *                    null when the caller knew {@code series} already (see {@link ExpositionParser})
 * @param series      the series as written on the page: its name and label set, verbatim
 * @param value       the value, bits as written ({@code NaN}, {@code ±Inf} included)
 * @param timestampMs the page's timestamp in Unix milliseconds, or {@link #NO_TIMESTAMP}
 */
public record ScrapedSample(Labels labels, String series, double value, long timestampMs) {
    /** A sample line without a timestamp: the scrape's time applies. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public boolean hasTimestamp() {
        return timestampMs != NO_TIMESTAMP;
    }
}
