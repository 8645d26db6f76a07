package io.sightline.sample.load;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * The three OTLP/HTTP signals {@link ExportSink} receives: each one's path, its label in the sink's
 * metrics, how its request body is decoded (fully, with the opentelemetry-proto classes) and
 * counted, and its success answer. Stateless.
 */
enum OtlpSinkSignal {
    /** Items are spans. */
    TRACES("traces") {
        @Override
        long countItems(byte[] body) throws InvalidProtocolBufferException {
            long spans = 0;
            for (ResourceSpans resource : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    spans += scope.getSpansCount();
                }
            }
            return spans;
        }

        @Override
        byte[] successBody() {
            return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        }
    },
    /** Items are log records. */
    LOGS("logs") {
        @Override
        long countItems(byte[] body) throws InvalidProtocolBufferException {
            long records = 0;
            for (ResourceLogs resource : ExportLogsServiceRequest.parseFrom(body).getResourceLogsList()) {
                for (ScopeLogs scope : resource.getScopeLogsList()) {
                    records += scope.getLogRecordsCount();
                }
            }
            return records;
        }

        @Override
        byte[] successBody() {
            return ExportLogsServiceResponse.getDefaultInstance().toByteArray();
        }
    },
    /**
     * Items are data points: one per number point, histogram, exponential histogram or summary
     * (a histogram point is one item however many buckets it has, as OTLP's {@code
     * rejected_data_points} counts them).
     */
    METRICS("metrics") {
        @Override
        long countItems(byte[] body) throws InvalidProtocolBufferException {
            long points = 0;
            for (ResourceMetrics resource : ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList()) {
                for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                    for (Metric metric : scope.getMetricsList()) {
                        points += dataPoints(metric);
                    }
                }
            }
            return points;
        }

        @Override
        byte[] successBody() {
            return ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
        }
    };

    private final String label;

    OtlpSinkSignal(String label) {
        this.label = label;
    }

    /** The {@code signal} label value, and the last segment of the path: {@code traces}. */
    String label() {
        return label;
    }

    /** The OTLP/HTTP path: {@code /v1/traces}. */
    String path() {
        return "/v1/" + label;
    }

    /**
     * Decodes an uncompressed {@code Export*ServiceRequest} and counts its items.
     *
     * @throws InvalidProtocolBufferException when the body is not such a message
     */
    abstract long countItems(byte[] body) throws InvalidProtocolBufferException;

    /** An empty {@code Export*ServiceResponse}, serialized: everything accepted. */
    abstract byte[] successBody();

    private static long dataPoints(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsCount();
            case SUM -> metric.getSum().getDataPointsCount();
            case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> metric.getSummary().getDataPointsCount();
            case DATA_NOT_SET -> 0;
        };
    }
}
