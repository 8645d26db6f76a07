package io.sightline.storage.tsdb;

import java.util.Objects;

/**
 * What a sender says of a metric family: type ({@code counter}, {@code gauge}, {@code histogram},
 * {@code summary}, {@code unknown}, ...), help and unit, as Prometheus's /api/v1/metadata shows.
 */
public record MetricMetadata(String metric, String type, String help, String unit) {
    public MetricMetadata {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(unit, "unit");
    }
}
