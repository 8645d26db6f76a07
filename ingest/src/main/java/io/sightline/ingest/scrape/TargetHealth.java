package io.sightline.ingest.scrape;

import io.sightline.storage.tsdb.Labels;

/**
 * What the last scrape of a target found (Prometheus's {@code /api/v1/targets} fields).
 *
 * @param labels          the target's labels ({@code job}, {@code instance}, static labels)
 * @param url             the URL scraped (query included, no credentials)
 * @param health          {@code up}, {@code down}, or {@code unknown} before the first scrape
 * @param lastError       why the last scrape failed; when it succeeded, what of its page was dropped
 *                        (a series twice on the page, samples admission refused), else empty
 * @param lastScrapeMs    when the last scrape started, Unix ms (0: never)
 * @param lastDurationSeconds how long it took
 * @param lastSamples     samples written by the last successful scrape (after relabelling)
 */
public record TargetHealth(Labels labels, String url, String health, String lastError, long lastScrapeMs,
        double lastDurationSeconds, int lastSamples) {
}
