package io.sightline.ingest.scrape;

import java.util.List;

import io.sightline.storage.tsdb.MetricMetadata;

/**
 * A parsed page: its samples in page order and the metadata of its families ({@code # TYPE},
 * {@code # HELP}, {@code # UNIT}), one per family that declared any.
 */
public record ScrapedPage(List<ScrapedSample> samples, List<MetricMetadata> metadata) {
    public ScrapedPage {
        samples = List.copyOf(samples);
        metadata = List.copyOf(metadata);
    }
}
