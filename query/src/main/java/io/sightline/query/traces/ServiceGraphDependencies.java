package io.sightline.query.traces;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.QueryResult;
import io.sightline.query.promql.QueryValue;
import io.sightline.storage.tsdb.Queryable;

/**
 * Dependencies from the service-graph metrics in the TSDB (the OpenTelemetry Collector's and
 * Tempo's {@code traces_service_graph_request_total{client, server}} counters, which Sightline's
 * own service-graph processor writes too): evaluates
 * {@code sum by (client, server) (increase(traces_service_graph_request_total[<lookback>]))} at the
 * end time, one link per (client, server) with the increase rounded to whole calls; links that
 * round to zero are left out. Thread-safe (the engine is).
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

    /** The PromQL this source evaluates for a lookback. */
    static String query(Duration lookback) {
        return "sum by (client, server) (increase(" + METRIC + "[" + Math.max(1, lookback.toMillis()) + "ms]))";
    }

    @Override
    public List<DependencyLink> dependencies(long endMillis, Duration lookback) {
        if (lookback.isNegative() || lookback.isZero()) {
            throw new IllegalArgumentException("lookback must be positive: " + lookback);
        }
        QueryResult result = engine.instantQuery(tsdb, query(lookback), endMillis);
        List<DependencyLink> links = new ArrayList<>();
        if (result.value() instanceof QueryValue.Vector vector) {
            for (QueryValue.VectorSample sample : vector.samples()) {
                String client = sample.labels().get("client");
                String server = sample.labels().get("server");
                long calls = Double.isFinite(sample.value()) ? Math.round(sample.value()) : 0;
                if (!client.isEmpty() && !server.isEmpty() && calls > 0) {
                    links.add(new DependencyLink(client, server, calls));
                }
            }
        }
        links.sort(Comparator.comparing(DependencyLink::parent).thenComparing(DependencyLink::child));
        return List.copyOf(links);
    }
}
