package io.sightline.ingest.otlp;

import java.util.List;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.sightline.ingest.otlp.PrometheusNaming.Kind;

/**
 * Walks a parsed OTLP metrics request (protobuf-java messages) and tells a {@link MetricsMapping}
 * what it holds, in order. Used for OTLP/JSON (parsed by protobuf's JsonFormat), for requests with
 * rejected points (mapped after the validator trimmed them), for requests {@link MetricsWireReader}
 * leaves to the full parse, and by the applier for old WAL entries. Not thread-safe; one per request.
 */
final class MessageMetricsReader {
    private final MetricsMapping mapping;
    private double[] bounds = new double[16];
    private long[] counts = new long[17];

    MessageMetricsReader(MetricsMapping mapping) {
        this.mapping = mapping;
    }

    void request(ExportMetricsServiceRequest request) {
        for (ResourceMetrics resource : request.getResourceMetricsList()) {
            mapping.beginResource();
            for (KeyValue attribute : resource.getResource().getAttributesList()) {
                mapping.resourceAttribute(attribute.getKey(), PrometheusNaming.labelValue(attribute.getValue()));
            }
            mapping.endResourceAttributes();
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                mapping.scope(scope.getScope().getName(), scope.getScope().getVersion());
                for (Metric metric : scope.getMetricsList()) {
                    metric(metric);
                }
            }
            mapping.endResource();
        }
    }

    private void metric(Metric metric) {
        switch (metric.getDataCase()) {
            case GAUGE -> {
                String family = family(metric, Kind.GAUGE, "gauge");
                for (NumberDataPoint p : metric.getGauge().getDataPointsList()) {
                    number(p, family, false, false);
                }
            }
            case SUM -> {
                boolean monotonic = metric.getSum().getIsMonotonic();
                String family = family(metric, monotonic ? Kind.COUNTER : Kind.NON_MONOTONIC_SUM,
                        monotonic ? "counter" : "gauge");
                boolean delta = metric.getSum().getAggregationTemporality()
                        == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
                for (NumberDataPoint p : metric.getSum().getDataPointsList()) {
                    number(p, family, delta, monotonic);
                }
            }
            case HISTOGRAM -> {
                String family = family(metric, Kind.HISTOGRAM, "histogram");
                boolean delta = metric.getHistogram().getAggregationTemporality()
                        == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
                for (HistogramDataPoint p : metric.getHistogram().getDataPointsList()) {
                    explicit(p, family, delta);
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                String family = family(metric, Kind.HISTOGRAM, "histogram");
                boolean delta = metric.getExponentialHistogram().getAggregationTemporality()
                        == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
                for (ExponentialHistogramDataPoint p : metric.getExponentialHistogram().getDataPointsList()) {
                    exponential(p, family, delta);
                }
            }
            case SUMMARY -> {
                String family = family(metric, Kind.SUMMARY, "summary");
                for (SummaryDataPoint p : metric.getSummary().getDataPointsList()) {
                    summary(p, family);
                }
            }
            case DATA_NOT_SET -> {
                // A metric without data has no points to map.
            }
        }
    }

    private String family(Metric metric, Kind kind, String type) {
        return mapping.family(metric.getName(), metric.getUnit(), metric.getDescription(), kind, type);
    }

    private int point(List<KeyValue> attributes) {
        int index = mapping.beginPoint();
        for (KeyValue attribute : attributes) {
            mapping.attribute(attribute.getKey(), PrometheusNaming.labelValue(attribute.getValue()));
        }
        mapping.endAttributes();
        return index;
    }

    private void number(NumberDataPoint p, String family, boolean delta, boolean exemplars) {
        int index = point(p.getAttributesList());
        double value = p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
        if (mapping.number(index, family, delta, p.getStartTimeUnixNano(), p.getTimeUnixNano(), p.getFlags(), value)
                && exemplars) {
            p.getExemplarsList().forEach(mapping::exemplar);
        }
    }

    private void explicit(HistogramDataPoint p, String family, boolean delta) {
        int index = point(p.getAttributesList());
        int boundCount = p.getExplicitBoundsCount();
        int countCount = p.getBucketCountsCount();
        if (bounds.length < boundCount) {
            bounds = new double[boundCount];
        }
        if (counts.length < countCount) {
            counts = new long[countCount];
        }
        for (int i = 0; i < boundCount; i++) {
            bounds[i] = p.getExplicitBounds(i); // not the list's get, which boxes
        }
        for (int i = 0; i < countCount; i++) {
            counts[i] = p.getBucketCounts(i);
        }
        HistogramMapping.explicit(mapping, index, family, delta, p.getStartTimeUnixNano(), p.getTimeUnixNano(),
                p.getFlags(), bounds, boundCount, counts, countCount, p.getCount(), p.getSum(), p.hasSum(),
                p.getExemplarsList());
    }

    private void exponential(ExponentialHistogramDataPoint p, String family, boolean delta) {
        int index = point(p.getAttributesList());
        ExponentialBuckets buckets = ExponentialBuckets.of(p.getScale(), p.getZeroThreshold(), p.getZeroCount(),
                p.getPositive().getOffset(), longs(p.getPositive().getBucketCountsList()),
                p.getNegative().getOffset(), longs(p.getNegative().getBucketCountsList()),
                p.getCount(), p.getSum(), p.hasSum());
        HistogramMapping.exponential(mapping, index, family, delta, p.getStartTimeUnixNano(), p.getTimeUnixNano(),
                p.getFlags(), buckets, p.getExemplarsList());
    }

    private void summary(SummaryDataPoint p, String family) {
        int index = point(p.getAttributesList());
        int n = p.getQuantileValuesCount();
        double[] quantiles = new double[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            quantiles[i] = p.getQuantileValues(i).getQuantile();
            values[i] = p.getQuantileValues(i).getValue();
        }
        mapping.summary(index, family, p.getTimeUnixNano(), p.getFlags(), quantiles, values, n, p.getSum(),
                p.getCount());
    }

    private static long[] longs(List<Long> values) {
        long[] array = new long[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }
}
