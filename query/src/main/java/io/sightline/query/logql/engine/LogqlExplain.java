package io.sightline.query.logql.engine;

import java.util.List;

/**
 * What a LogQL query does, for the UI's explain view: per store scan, what the index is given and
 * what runs afterwards on each record.
 *
 * @param query       the query in Loki's canonical form
 * @param kind        {@code log} or {@code metric}
 * @param scans       one per log selector: the stream selector and leading line filters go to the
 *                    store, the rest runs here
 * @param evaluation  what is computed over the scans' samples (the metric query above the range
 *                    aggregations), "" for a log query
 */
public record LogqlExplain(String query, String kind, List<Scan> scans, String evaluation) {
    public LogqlExplain {
        scans = List.copyOf(scans);
    }

    /**
     * @param selector       the stream selector given to the store's index
     * @param lineFilters    line filters the store applies (index superset, verified on the body)
     * @param indexOnly      whether the store answers from its index alone (times and sizes, no record read)
     * @param stages         pipeline stages run on each record after the store, in order
     * @param range          the aggregation and window, e.g. {@code rate [5m] offset 1h}; "" for a log query
     */
    public record Scan(String selector, List<String> lineFilters, boolean indexOnly, List<String> stages, String range) {
        public Scan {
            lineFilters = List.copyOf(lineFilters);
            stages = List.copyOf(stages);
        }
    }
}
