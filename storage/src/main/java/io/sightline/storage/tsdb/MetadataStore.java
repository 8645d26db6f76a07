package io.sightline.storage.tsdb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The latest metadata per metric family. In memory only: senders repeat metadata with their data
 * (OTLP with every batch), so it returns within a batch of a restart. Bounded by {@code capacity}
 * metric names (new names beyond it are ignored). Thread-safe.
 */
final class MetadataStore {
    private final ConcurrentSkipListMap<String, MetricMetadata> byMetric = new ConcurrentSkipListMap<>();
    private final int capacity;

    /** @param capacity most metric names kept; 0 = no bound */
    MetadataStore(int capacity) {
        this.capacity = capacity;
    }

    void update(MetricMetadata metadata) {
        if (capacity > 0 && byMetric.size() >= capacity && !byMetric.containsKey(metadata.metric())) {
            return;
        }
        byMetric.put(metadata.metric(), metadata);
    }

    Map<String, List<MetricMetadata>> query(String metric, int limit) {
        Map<String, List<MetricMetadata>> out = new LinkedHashMap<>();
        if (!metric.isEmpty()) {
            MetricMetadata found = byMetric.get(metric);
            if (found != null) {
                out.put(metric, List.of(found));
            }
            return out;
        }
        for (MetricMetadata metadata : byMetric.values()) {
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            out.put(metadata.metric(), List.of(metadata));
        }
        return out;
    }
}
