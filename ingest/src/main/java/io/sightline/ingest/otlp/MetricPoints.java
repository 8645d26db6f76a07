package io.sightline.ingest.otlp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import io.opentelemetry.proto.metrics.v1.Metric;

/** The data points of a metric, whatever its type, and a copy keeping only some of them. */
final class MetricPoints {
    private MetricPoints() {
    }

    /** The metric's data points in order; empty for a metric without data. */
    static List<?> of(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsList();
            case SUM -> metric.getSum().getDataPointsList();
            case HISTOGRAM -> metric.getHistogram().getDataPointsList();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsList();
            case SUMMARY -> metric.getSummary().getDataPointsList();
            case DATA_NOT_SET -> List.of();
        };
    }

    /**
     * The metric without the points whose running index (starting at {@code cursor[0]}, advanced past
     * this metric's points) is set in {@code rejected}; null when no point is left of some.
     */
    static Metric retain(Metric metric, BitSet rejected, int[] cursor) {
        return switch (metric.getDataCase()) {
            case GAUGE -> {
                var kept = keep(metric.getGauge().getDataPointsList(), rejected, cursor);
                yield kept == null ? null : metric.toBuilder()
                        .setGauge(metric.getGauge().toBuilder().clearDataPoints().addAllDataPoints(kept)).build();
            }
            case SUM -> {
                var kept = keep(metric.getSum().getDataPointsList(), rejected, cursor);
                yield kept == null ? null : metric.toBuilder()
                        .setSum(metric.getSum().toBuilder().clearDataPoints().addAllDataPoints(kept)).build();
            }
            case HISTOGRAM -> {
                var kept = keep(metric.getHistogram().getDataPointsList(), rejected, cursor);
                yield kept == null ? null : metric.toBuilder()
                        .setHistogram(metric.getHistogram().toBuilder().clearDataPoints().addAllDataPoints(kept))
                        .build();
            }
            case EXPONENTIAL_HISTOGRAM -> {
                var kept = keep(metric.getExponentialHistogram().getDataPointsList(), rejected, cursor);
                yield kept == null ? null : metric.toBuilder()
                        .setExponentialHistogram(metric.getExponentialHistogram().toBuilder()
                                .clearDataPoints().addAllDataPoints(kept))
                        .build();
            }
            case SUMMARY -> {
                var kept = keep(metric.getSummary().getDataPointsList(), rejected, cursor);
                yield kept == null ? null : metric.toBuilder()
                        .setSummary(metric.getSummary().toBuilder().clearDataPoints().addAllDataPoints(kept)).build();
            }
            case DATA_NOT_SET -> metric;
        };
    }

    /** The points not rejected, or null if the metric had points and none is left. */
    private static <P> List<P> keep(List<P> points, BitSet rejected, int[] cursor) {
        List<P> kept = new ArrayList<>(points.size());
        for (P point : points) {
            if (!rejected.get(cursor[0]++)) {
                kept.add(point);
            }
        }
        return kept.isEmpty() && !points.isEmpty() ? null : kept;
    }
}
