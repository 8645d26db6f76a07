package io.sightline.ui.services;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Reads the service graph's edges over a range ({@code traces_service_graph_*}). Thread-safe. */
final class EdgeReader {
    private final MetricReader reader;

    EdgeReader(MetricReader reader) {
        this.reader = reader;
    }

    /** Every edge with requests in the window ending at {@code endMs}, sorted by client then server. */
    List<Edge> edges(long endMs, long windowSeconds) {
        String by = "client, server";
        Map<String, Double> requests = reader.byLabels(
                RedQueries.increase(RedQueries.EDGE_REQUESTS, "", by, windowSeconds), endMs, "client", "server");
        Map<String, Double> failed = reader.byLabels(
                RedQueries.increase(RedQueries.EDGE_FAILED, "", by, windowSeconds), endMs, "client", "server");
        Map<String, Double> p95 = reader.byLabels(
                RedQueries.quantile(0.95, RedQueries.EDGE_SECONDS_BUCKET, "", by, windowSeconds), endMs, "client", "server");
        List<Edge> edges = new ArrayList<>();
        requests.forEach((key, count) -> {
            String[] ends = key.split(MetricReader.SEPARATOR, -1);
            edges.add(new Edge(ends[0], ends[1], count, failed.getOrDefault(key, 0.0), p95.getOrDefault(key, Double.NaN),
                    windowSeconds));
        });
        edges.sort(Comparator.comparing(Edge::client).thenComparing(Edge::server));
        return edges;
    }
}
