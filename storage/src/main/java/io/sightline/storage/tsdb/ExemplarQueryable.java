package io.sightline.storage.tsdb;

import java.util.List;

/** Reads exemplars (Prometheus's /api/v1/query_exemplars). Thread-safe. */
public interface ExemplarQueryable {
    /**
     * Exemplars in [mintMs, maxtMs] (inclusive Unix ms) of the series matching any of the
     * selectors (each a list of matchers that must all match), grouped by series, sorted by labels.
     */
    List<SeriesExemplars> exemplars(long mintMs, long maxtMs, List<List<LabelMatcher>> selectors);
}
