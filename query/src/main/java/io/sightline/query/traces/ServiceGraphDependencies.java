package io.sightline.query.traces;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.QueryResult;
import io.sightline.query.promql.QueryValue;
import io.sightline.storage.tsdb.Queryable;

/**
 * Dependencies from the service-graph metrics in the TSDB (the OpenTelemetry Collector's and
 * Tempo's {@code traces_service_graph_request_total{client, server}} counters, which Sightline's
 * own service-graph processor writes too): the calls each (client, server) pair made in
 * (end − lookback, end], counted exactly from the counters' raw samples rather than with PromQL's
 * {@code increase()}, which extrapolates and, for a series born inside the window, drops what it
 * counted before its first sample (a burst of calls followed by silence would show no link). Per
 * series: the last sample at or before the window's start (within one more lookback; none means the
 * series started at 0 inside the window) is the baseline, and every rise after it counts, a drop
 * being a counter reset (a restart) that counts from zero. Links with no call are left out.
 * Thread-safe (the engine is).
 */
public final class ServiceGraphDependencies implements DependencySource {
    /** The counter of calls between two services, labelled {@code client} and {@code server}. */
    public static final String METRIC = "traces_service_graph_request_total";

    private final PromqlEngine engine;
    private final Queryable tsdb;

    public ServiceGraphDependencies(PromqlEngine engine, Queryable tsdb) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.tsdb = Objects.requireNonNull(tsdb, "tsdb");
    }

    /** The PromQL this source evaluates for a lookback: the raw samples of two lookbacks. */
    static String query(Duration lookback) {
        return METRIC + "[" + Math.multiplyExact(2, Math.max(1, lookback.toMillis())) + "ms]";
    }

    @Override
    public List<DependencyLink> dependencies(long endMillis, Duration lookback) {
        if (lookback.isNegative() || lookback.isZero()) {
            throw new IllegalArgumentException("lookback must be positive: " + lookback);
        }
        QueryResult result = engine.instantQuery(tsdb, query(lookback), endMillis);
        long windowStart = endMillis - Math.max(1, lookback.toMillis());
        Map<List<String>, Long> calls = new TreeMap<>(Comparator.<List<String>, String>comparing(List::getFirst)
                .thenComparing(List::getLast));
        if (result.value() instanceof QueryValue.Matrix matrix) {
            for (QueryValue.MatrixSeries series : matrix.series()) {
                String client = series.labels().get("client");
                String server = series.labels().get("server");
                if (client != null && server != null && !client.isEmpty() && !server.isEmpty()) {
                    calls.merge(List.of(client, server), callsIn(series, windowStart), Long::sum);
                }
            }
        }
        List<DependencyLink> links = new ArrayList<>();
        calls.forEach((pair, count) -> {
            if (count > 0) {
                links.add(new DependencyLink(pair.getFirst(), pair.getLast(), count));
            }
        });
        return List.copyOf(links);
    }

    /** The rises of one counter after {@code windowStart}, resets counting from zero. */
    static long callsIn(QueryValue.MatrixSeries series, long windowStart) {
        double previous = 0;
        double total = 0;
        long[] times = series.timestampsMs();
        double[] values = series.values();
        for (int i = 0; i < times.length; i++) {
            double value = values[i];
            if (!Double.isFinite(value)) {
                continue;
            }
            if (times[i] > windowStart) {
                total += value >= previous ? value - previous : value;
            }
            previous = value;
        }
        return Math.round(total);
    }
}
