package io.sightline.ingest.otlp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.Signal;

/**
 * Checks each item of a decoded request (span, log record, metric data point) and drops the bad
 * ones: ids of the wrong length, too many attributes, attribute values too long. A problem on a
 * resource or scope rejects every item under it. Items are numbered across the whole request from
 * 0, in the order sent. Thread-safe.
 */
final class OtlpValidator {
    private static final int TRACE_ID_BYTES = 16;
    private static final int SPAN_ID_BYTES = 8;

    private final IngestLimits limits;

    OtlpValidator(IngestLimits limits) {
        this.limits = limits;
    }

    Validated traces(ExportTraceServiceRequest request) {
        Rejections rejections = new Rejections(Signal.TRACES);
        BitSet rejected = new BitSet();
        int index = 0;
        for (ResourceSpans resource : request.getResourceSpansList()) {
            Problem resourceProblem = attributes(resource.getResource().getAttributesList(), "resource");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                Problem scopeProblem = resourceProblem != null ? resourceProblem
                        : attributes(scope.getScope().getAttributesList(), "scope");
                for (Span span : scope.getSpansList()) {
                    Problem problem = scopeProblem != null ? scopeProblem : span(span);
                    if (problem != null) {
                        rejected.set(index);
                        rejections.add(index, problem);
                    }
                    index++;
                }
            }
        }
        if (rejected.isEmpty()) {
            return new Validated(request, index, rejections);
        }
        ExportTraceServiceRequest.Builder kept = ExportTraceServiceRequest.newBuilder();
        index = 0;
        for (ResourceSpans resource : request.getResourceSpansList()) {
            ResourceSpans.Builder keptResource = resource.toBuilder().clearScopeSpans();
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                List<Span> spans = new ArrayList<>();
                for (Span span : scope.getSpansList()) {
                    if (!rejected.get(index++)) {
                        spans.add(span);
                    }
                }
                if (!spans.isEmpty()) {
                    keptResource.addScopeSpans(scope.toBuilder().clearSpans().addAllSpans(spans));
                }
            }
            if (keptResource.getScopeSpansCount() > 0) {
                kept.addResourceSpans(keptResource);
            }
        }
        return new Validated(kept.build(), index, rejections);
    }

    Validated logs(ExportLogsServiceRequest request) {
        Rejections rejections = new Rejections(Signal.LOGS);
        BitSet rejected = new BitSet();
        int index = 0;
        for (ResourceLogs resource : request.getResourceLogsList()) {
            Problem resourceProblem = attributes(resource.getResource().getAttributesList(), "resource");
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                Problem scopeProblem = resourceProblem != null ? resourceProblem
                        : attributes(scope.getScope().getAttributesList(), "scope");
                for (LogRecord log : scope.getLogRecordsList()) {
                    Problem problem = scopeProblem != null ? scopeProblem : log(log);
                    if (problem != null) {
                        rejected.set(index);
                        rejections.add(index, problem);
                    }
                    index++;
                }
            }
        }
        if (rejected.isEmpty()) {
            return new Validated(request, index, rejections);
        }
        ExportLogsServiceRequest.Builder kept = ExportLogsServiceRequest.newBuilder();
        index = 0;
        for (ResourceLogs resource : request.getResourceLogsList()) {
            ResourceLogs.Builder keptResource = resource.toBuilder().clearScopeLogs();
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                List<LogRecord> logs = new ArrayList<>();
                for (LogRecord log : scope.getLogRecordsList()) {
                    if (!rejected.get(index++)) {
                        logs.add(log);
                    }
                }
                if (!logs.isEmpty()) {
                    keptResource.addScopeLogs(scope.toBuilder().clearLogRecords().addAllLogRecords(logs));
                }
            }
            if (keptResource.getScopeLogsCount() > 0) {
                kept.addResourceLogs(keptResource);
            }
        }
        return new Validated(kept.build(), index, rejections);
    }

    Validated metrics(ExportMetricsServiceRequest request) {
        Rejections rejections = new Rejections(Signal.METRICS);
        BitSet rejected = new BitSet();
        int index = 0;
        for (ResourceMetrics resource : request.getResourceMetricsList()) {
            Problem resourceProblem = attributes(resource.getResource().getAttributesList(), "resource");
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                Problem scopeProblem = resourceProblem != null ? resourceProblem
                        : attributes(scope.getScope().getAttributesList(), "scope");
                for (Metric metric : scope.getMetricsList()) {
                    Problem metricProblem = scopeProblem != null ? scopeProblem
                            : metric.getName().isEmpty() ? new Problem(Problem.INVALID_METRIC, "metric has no name")
                            : null;
                    for (Object point : MetricPoints.of(metric)) {
                        Problem problem = metricProblem != null ? metricProblem : point(point);
                        if (problem != null) {
                            rejected.set(index);
                            rejections.add(index, metric.getName().isEmpty() ? ""
                                    : " (metric '" + shorten(metric.getName()) + "')", problem);
                        }
                        index++;
                    }
                }
            }
        }
        if (rejected.isEmpty()) {
            return new Validated(request, index, rejections);
        }
        ExportMetricsServiceRequest.Builder kept = ExportMetricsServiceRequest.newBuilder();
        int[] cursor = {0};
        for (ResourceMetrics resource : request.getResourceMetricsList()) {
            ResourceMetrics.Builder keptResource = resource.toBuilder().clearScopeMetrics();
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                ScopeMetrics.Builder keptScope = scope.toBuilder().clearMetrics();
                for (Metric metric : scope.getMetricsList()) {
                    Metric keptMetric = MetricPoints.retain(metric, rejected, cursor);
                    if (keptMetric != null) {
                        keptScope.addMetrics(keptMetric);
                    }
                }
                if (keptScope.getMetricsCount() > 0) {
                    keptResource.addScopeMetrics(keptScope);
                }
            }
            if (keptResource.getScopeMetricsCount() > 0) {
                kept.addResourceMetrics(keptResource);
            }
        }
        return new Validated(kept.build(), index, rejections);
    }

    private Problem span(Span span) {
        if (span.getTraceId().size() != TRACE_ID_BYTES || isZero(span.getTraceId())) {
            return idProblem("trace id", span.getTraceId(), TRACE_ID_BYTES);
        }
        if (span.getSpanId().size() != SPAN_ID_BYTES || isZero(span.getSpanId())) {
            return idProblem("span id", span.getSpanId(), SPAN_ID_BYTES);
        }
        if (!span.getParentSpanId().isEmpty() && span.getParentSpanId().size() != SPAN_ID_BYTES) {
            return idProblem("parent span id", span.getParentSpanId(), SPAN_ID_BYTES);
        }
        Problem problem = attributes(span.getAttributesList(), null);
        for (int i = 0; problem == null && i < span.getEventsCount(); i++) {
            problem = attributes(span.getEvents(i).getAttributesList(), "event " + i);
        }
        for (int i = 0; problem == null && i < span.getLinksCount(); i++) {
            Span.Link link = span.getLinks(i);
            if (link.getTraceId().size() != TRACE_ID_BYTES) {
                problem = idProblem("trace id", link.getTraceId(), TRACE_ID_BYTES).in("link " + i);
            } else if (link.getSpanId().size() != SPAN_ID_BYTES) {
                problem = idProblem("span id", link.getSpanId(), SPAN_ID_BYTES).in("link " + i);
            } else {
                problem = attributes(link.getAttributesList(), "link " + i);
            }
        }
        return problem;
    }

    private Problem log(LogRecord log) {
        if (!log.getTraceId().isEmpty() && log.getTraceId().size() != TRACE_ID_BYTES) {
            return idProblem("trace id", log.getTraceId(), TRACE_ID_BYTES);
        }
        if (!log.getSpanId().isEmpty() && log.getSpanId().size() != SPAN_ID_BYTES) {
            return idProblem("span id", log.getSpanId(), SPAN_ID_BYTES);
        }
        return attributes(log.getAttributesList(), null);
    }

    private Problem point(Object point) {
        return switch (point) {
            case NumberDataPoint p -> point(p.getAttributesList(), p.getExemplarsList());
            case HistogramDataPoint p -> point(p.getAttributesList(), p.getExemplarsList());
            case ExponentialHistogramDataPoint p -> point(p.getAttributesList(), p.getExemplarsList());
            case SummaryDataPoint p -> attributes(p.getAttributesList(), null);
            default -> throw new IllegalArgumentException("not a data point: " + point.getClass());
        };
    }

    private Problem point(List<KeyValue> attributes, List<Exemplar> exemplars) {
        Problem problem = attributes(attributes, null);
        for (int i = 0; problem == null && i < exemplars.size(); i++) {
            Exemplar exemplar = exemplars.get(i);
            if (!exemplar.getTraceId().isEmpty() && exemplar.getTraceId().size() != TRACE_ID_BYTES) {
                problem = idProblem("trace id", exemplar.getTraceId(), TRACE_ID_BYTES).in("exemplar " + i);
            } else if (!exemplar.getSpanId().isEmpty() && exemplar.getSpanId().size() != SPAN_ID_BYTES) {
                problem = idProblem("span id", exemplar.getSpanId(), SPAN_ID_BYTES).in("exemplar " + i);
            } else {
                problem = attributes(exemplar.getFilteredAttributesList(), "exemplar " + i);
            }
        }
        return problem;
    }

    /** The first problem with a set of attributes, or null; {@code where} names the part ("resource"). */
    private Problem attributes(List<KeyValue> attributes, String where) {
        Problem problem = null;
        if (attributes.size() > limits.maxAttributes()) {
            problem = new Problem(Problem.ATTRIBUTE_COUNT, attributes.size() + " attributes, limit is "
                    + limits.maxAttributes() + " (ingest.max-attributes)");
        } else {
            for (KeyValue attribute : attributes) {
                long size = valueBytes(attribute.getValue(), limits.maxAttributeValueBytes());
                if (size > limits.maxAttributeValueBytes()) {
                    problem = new Problem(Problem.ATTRIBUTE_VALUE_SIZE, "attribute '" + shorten(attribute.getKey())
                            + "' value is over " + limits.maxAttributeValueBytes()
                            + " bytes (ingest.max-attribute-value-bytes)");
                    break;
                }
            }
        }
        return problem == null || where == null ? problem : problem.in(where);
    }

    /** Bytes of a value's leaves, counted until they pass {@code bound} (deep values stop early). */
    private static long valueBytes(AnyValue value, long bound) {
        return switch (value.getValueCase()) {
            // Counted on the parsed String: getStringValueBytes() would encode it and swap the
            // field to a ByteString, which the mapper's getStringValue() then decodes again.
            case STRING_VALUE -> utf8Length(value.getStringValue());
            case BYTES_VALUE -> value.getBytesValue().size();
            case ARRAY_VALUE -> {
                long total = 0;
                for (AnyValue element : value.getArrayValue().getValuesList()) {
                    total += valueBytes(element, bound - total);
                    if (total > bound) {
                        break;
                    }
                }
                yield total;
            }
            case KVLIST_VALUE -> {
                long total = 0;
                for (KeyValue entry : value.getKvlistValue().getValuesList()) {
                    total += entry.getKeyBytes().size() + valueBytes(entry.getValue(), bound - total);
                    if (total > bound) {
                        break;
                    }
                }
                yield total;
            }
            default -> 8;
        };
    }

    /**
     * Bytes of {@code text} in UTF-8 as protobuf encodes it (a lone surrogate becomes one {@code ?}),
     * without encoding it.
     */
    static long utf8Length(String text) {
        int length = text.length();
        long bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 2;
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            }
        }
        return bytes;
    }

    private static Problem idProblem(String name, ByteString id, int expected) {
        String message = id.isEmpty() ? name + " is missing"
                : id.size() != expected ? name + " is " + id.size() + " bytes, must be " + expected
                : name + " is all zeros";
        return new Problem(Problem.INVALID_ID, message);
    }

    private static boolean isZero(ByteString id) {
        for (int i = 0; i < id.size(); i++) {
            if (id.byteAt(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String key) {
        return key.length() <= 64 ? key : key.substring(0, 64) + "...";
    }
}
