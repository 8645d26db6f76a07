package io.sightline.storage.tsdb;

import java.util.List;
import java.util.Objects;

/** The exemplars of one series, oldest first, as Prometheus's /api/v1/query_exemplars groups them. */
public record SeriesExemplars(Labels series, List<Exemplar> exemplars) {
    public SeriesExemplars {
        Objects.requireNonNull(series, "series");
        exemplars = List.copyOf(exemplars);
    }
}
