package io.sightline.ingest.derived;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How metrics are derived from spans at apply time (appliance settings in brackets).
 *
 * @param flushInterval         how often the cumulative series are written to the metrics WAL
 *                              ({@code traces.derived.flush-interval}, default 15 s: Tempo's collection
 *                              interval and the spanmetrics connector's README default; its current
 *                              factory.go sets 60 s)
 * @param spanMetricsMaxSeries  span-metrics label sets kept ({@code traces.span-metrics.max-series},
 *                              default {@value #DEFAULT_SPAN_METRICS_MAX_SERIES}); spans of a new label set
 *                              beyond it count in one series labelled {@code otel_metric_overflow="true"}
 * @param spanMetricsBuckets    duration histogram bounds in seconds, strictly increasing
 *                              ({@code traces.span-metrics.buckets}, default the connector's)
 * @param serviceGraphMaxItems  unpaired span halves waiting for their other half
 *                              ({@code traces.service-graph.max-items}, default 10,000, Tempo's
 *                              {@code max_items}); a new half beyond it is dropped and counted
 * @param serviceGraphWait      how long a half waits before it expires as unpaired
 *                              ({@code traces.service-graph.wait}, default 10 s, Tempo's {@code wait})
 * @param serviceGraphMaxSeries (client, server, connection type) label sets kept
 *                              ({@code traces.service-graph.max-series}, default
 *                              {@value #DEFAULT_SERVICE_GRAPH_MAX_SERIES}); beyond it, one overflow series
 * @param serviceGraphBuckets   request duration histogram bounds in seconds, strictly increasing
 *                              ({@code traces.service-graph.buckets}, default Tempo's)
 */
public record DerivedMetricsConfig(Duration flushInterval, int spanMetricsMaxSeries, List<Double> spanMetricsBuckets,
                                   int serviceGraphMaxItems, Duration serviceGraphWait, int serviceGraphMaxSeries,
                                   List<Double> serviceGraphBuckets) {
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(15);
    /**
     * 5,000 label sets: each is 20 TSDB series (calls, 16 buckets + {@code +Inf}, sum, count), so the
     * bucket metric stays at 85,000 series, under admission's 100,000 per metric
     * ({@code metrics.max-series-per-metric}).
     */
    public static final int DEFAULT_SPAN_METRICS_MAX_SERIES = 5_000;
    /**
     * The spanmetrics connector's default explicit buckets (2 ms … 15 s, {@code defaultHistogramBucketsMs}
     * in its config.go), in seconds.
     */
    public static final List<Double> DEFAULT_SPAN_METRICS_BUCKETS = List.of(0.002, 0.004, 0.006, 0.008, 0.01, 0.05,
            0.1, 0.2, 0.4, 0.8, 1.0, 1.4, 2.0, 5.0, 10.0, 15.0);
    public static final int DEFAULT_SERVICE_GRAPH_MAX_ITEMS = 10_000;
    public static final Duration DEFAULT_SERVICE_GRAPH_WAIT = Duration.ofSeconds(10);
    /** 2,000 edges: at most 2 × 2,000 × 9 = 36,000 bucket series, plus counters. */
    public static final int DEFAULT_SERVICE_GRAPH_MAX_SERIES = 2_000;
    /** Tempo's default: {@code prometheus.ExponentialBuckets(0.1, 2, 8)}, 0.1 s … 12.8 s. */
    public static final List<Double> DEFAULT_SERVICE_GRAPH_BUCKETS = List.of(0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8);

    public DerivedMetricsConfig {
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(serviceGraphWait, "serviceGraphWait");
        spanMetricsBuckets = List.copyOf(spanMetricsBuckets);
        serviceGraphBuckets = List.copyOf(serviceGraphBuckets);
        if (flushInterval.toMillis() <= 0) {
            throw new IllegalArgumentException("traces.derived.flush-interval must be positive, got " + flushInterval);
        }
        if (serviceGraphWait.isNegative()) {
            throw new IllegalArgumentException("traces.service-graph.wait must not be negative, got " + serviceGraphWait);
        }
        positive(spanMetricsMaxSeries, "traces.span-metrics.max-series");
        positive(serviceGraphMaxItems, "traces.service-graph.max-items");
        positive(serviceGraphMaxSeries, "traces.service-graph.max-series");
        increasing(spanMetricsBuckets, "traces.span-metrics.buckets");
        increasing(serviceGraphBuckets, "traces.service-graph.buckets");
    }

    public static DerivedMetricsConfig defaults() {
        return new DerivedMetricsConfig(DEFAULT_FLUSH_INTERVAL, DEFAULT_SPAN_METRICS_MAX_SERIES,
                DEFAULT_SPAN_METRICS_BUCKETS, DEFAULT_SERVICE_GRAPH_MAX_ITEMS, DEFAULT_SERVICE_GRAPH_WAIT,
                DEFAULT_SERVICE_GRAPH_MAX_SERIES, DEFAULT_SERVICE_GRAPH_BUCKETS);
    }

    private static void positive(int value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }

    private static void increasing(List<Double> bounds, String key) {
        for (int i = 0; i < bounds.size(); i++) {
            double bound = bounds.get(i);
            if (!Double.isFinite(bound) || (i > 0 && bound <= bounds.get(i - 1))) {
                throw new IllegalArgumentException(key + " must be finite and strictly increasing, got " + bounds);
            }
        }
    }
}
