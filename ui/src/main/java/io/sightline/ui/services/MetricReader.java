package io.sightline.ui.services;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.QueryValue;
import io.sightline.storage.tsdb.Queryable;

/**
 * Runs the pages' PromQL on the server against the TSDB, with the limits the Prometheus API uses,
 * and hands back plain maps and series. Thread-safe (the engine is).
 */
final class MetricReader {
    private final PromqlEngine engine;
    private final Queryable metrics;

    MetricReader(PromqlEngine engine, Queryable metrics) {
        this.engine = engine;
        this.metrics = metrics;
    }

    /** An instant query at {@code timeMs}: value by one label's value ("" when the label is absent). */
    Map<String, Double> byLabel(String query, String label, long timeMs) {
        Map<String, Double> out = new HashMap<>();
        for (QueryValue.VectorSample sample : vector(query, timeMs)) {
            String key = sample.labels().has(label) ? sample.labels().get(label) : "";
            out.put(key, sample.value());
        }
        return out;
    }

    /** An instant query at {@code timeMs}: value by the values of {@code labels}, joined by {@link #SEPARATOR}. */
    Map<String, Double> byLabels(String query, long timeMs, String... labels) {
        Map<String, Double> out = new HashMap<>();
        for (QueryValue.VectorSample sample : vector(query, timeMs)) {
            out.put(key(sample.labels(), labels), sample.value());
        }
        return out;
    }

    /** Joins label values into one key; a NUL cannot occur in a label value written by OTLP JSON in practice. */
    static final String SEPARATOR = "\u0000";

    static String key(io.sightline.storage.tsdb.Labels labels, String... names) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            String value = labels.has(names[i]) ? labels.get(names[i]) : "";
            key.append(i == 0 ? "" : SEPARATOR).append(value);
        }
        return key.toString();
    }

    /** An instant query at {@code timeMs}: its samples. */
    List<QueryValue.VectorSample> vector(String query, long timeMs) {
        QueryValue value = engine.instantQuery(metrics, query, timeMs).value();
        return value instanceof QueryValue.Vector vector ? vector.samples() : List.of();
    }

    /** A range query: its series, keyed by one label's value. */
    Map<String, QueryValue.MatrixSeries> rangeByLabel(String query, String label, long startMs, long endMs, long stepMs) {
        Map<String, QueryValue.MatrixSeries> out = new HashMap<>();
        QueryValue value = engine.rangeQuery(metrics, query, startMs, endMs, stepMs).value();
        if (value instanceof QueryValue.Matrix matrix) {
            for (QueryValue.MatrixSeries series : matrix.series()) {
                out.put(series.labels().has(label) ? series.labels().get(label) : "", series);
            }
        }
        return out;
    }
}
