package io.sightline.storage.tsdb;

import java.util.List;
import java.util.Map;

/** Reads metric metadata (Prometheus's /api/v1/metadata). Thread-safe. */
public interface MetadataQueryable {
    /**
     * The latest metadata of each metric family, keyed by metric name, sorted by name; only
     * {@code metric} when it is not empty; at most {@code limit} metrics when limit > 0.
     */
    Map<String, List<MetricMetadata>> metadata(String metric, int limit);
}
