package io.sightline.ingest.derived;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sightline.storage.traces.SpanRecord;

/**
 * Request, error and duration series per span kind, shaped as the OpenTelemetry Collector's
 * spanmetrics connector (namespace {@code traces.span.metrics}, unit seconds) produces them once
 * exported to Prometheus: {@value #CALLS} and the histogram {@value #DURATION}, labelled
 * {@code service_name}, {@code span_name}, {@code span_kind} ({@code SPAN_KIND_SERVER} …),
 * {@code status_code} ({@code STATUS_CODE_UNSET}/{@code _OK}/{@code _ERROR}), and the resource's
 * {@code job} ({@code service.namespace/service.name}) and {@code instance} ({@code service.instance.id})
 * as Prometheus exporters derive them. Spans without a service name are skipped, as the connector
 * skips resources without {@code service.name}. Each series remembers the newest span it counted
 * for its exemplar ({@code trace_id}, {@code span_id}, value = the duration in seconds).
 *
 * <p>At most {@code maxSeries} label sets are kept; spans of further ones are counted in one series
 * labelled only {@code otel_metric_overflow="true"} (the OpenTelemetry metrics SDK's overflow
 * attribute, which the connector's {@code aggregation_cardinality_limit} also uses) and in
 * {@link #overflowSpans()}. Series are never forgotten (the connector's default
 * {@code metrics_expiration: 0}). Not thread-safe: the applier's thread only.
 */
final class SpanMetrics {
    static final String CALLS = "traces_span_metrics_calls_total";
    static final String DURATION = "traces_span_metrics_duration_seconds";
    private static final String[] KINDS = {"SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER",
            "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"};
    private static final String[] STATUSES = {"STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"};
    private static final double NANOS_PER_SECOND = 1e9;

    private final int maxSeries;
    private final double[] bounds;
    private final String[] le;
    private final Map<Key, Series> series = new HashMap<>();
    private final Series overflow;
    private long overflowSpans;
    private Map<String, Object> lastResource;
    private String lastService;
    private String job = "";
    private String instance = "";

    /** What identifies a series, cheap to build per span (no label arrays). */
    private record Key(String job, String instance, String service, String name, int kind, int status) {
    }

    /** One label set's counter, histogram and newest span. */
    private static final class Series {
        final DerivedLabels labels;
        final Histogram duration;
        long calls;
        String traceId;
        String spanId;
        double exemplarValue;
        boolean exemplarFresh;
        /** Whether the series was written since the start (its first write begins with a 0). */
        boolean written;

        Series(DerivedLabels labels, double[] bounds) {
            this.labels = labels;
            this.duration = new Histogram(bounds);
        }
    }

    SpanMetrics(int maxSeries, double[] bounds) {
        this.maxSeries = maxSeries;
        this.bounds = bounds;
        this.le = SampleOut.leValues(bounds);
        this.overflow = new Series(DerivedLabels.of("otel_metric_overflow", "true"), bounds);
    }

    void observe(List<SpanRecord> spans) {
        for (SpanRecord span : spans) {
            observe(span);
        }
    }

    void observe(SpanRecord span) {
        if (span.serviceName().isEmpty()) {
            return;
        }
        resource(span);
        Key key = new Key(job, instance, span.serviceName(), span.name(), span.kind(), span.statusCode());
        Series target = series.get(key);
        if (target == null) {
            if (series.size() >= maxSeries) {
                target = overflow;
                overflowSpans++;
            } else {
                target = new Series(DerivedLabels.of("instance", instance, "job", job,
                        "service_name", span.serviceName(), "span_kind", name(KINDS, span.kind()),
                        "span_name", span.name(), "status_code", name(STATUSES, span.statusCode())), bounds);
                series.put(key, target);
            }
        }
        double seconds = span.durationNanos() / NANOS_PER_SECOND;
        target.calls++;
        target.duration.observe(seconds);
        target.traceId = span.traceId();
        target.spanId = span.spanId();
        target.exemplarValue = seconds;
        target.exemplarFresh = true;
    }

    /** Derives job and instance once per resource: the spans of one resource share its attribute map. */
    private void resource(SpanRecord span) {
        if (span.resource() == lastResource && span.serviceName().equals(lastService)) {
            return;
        }
        lastResource = span.resource();
        lastService = span.serviceName();
        String namespace = text(span.resource().get("service.namespace"));
        job = namespace.isEmpty() ? span.serviceName() : namespace + "/" + span.serviceName();
        instance = text(span.resource().get("service.instance.id"));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String name(String[] names, int number) {
        return number >= 0 && number < names.length ? names[number] : names[0];
    }

    /** Writes every series (cumulative values) and, where a span arrived since the last flush, its exemplar. */
    void writeTo(SampleOut out) {
        if (series.isEmpty() && overflow.calls == 0) {
            return;
        }
        out.metadata(CALLS, "counter", "Spans counted by the spanmetrics-style derivation", "");
        out.metadata(DURATION, "histogram", "Span durations by the spanmetrics-style derivation", "seconds");
        for (Series s : series.values()) {
            write(out, s);
        }
        if (overflow.calls > 0) {
            write(out, overflow);
        }
    }

    private void write(SampleOut out, Series s) {
        SampleOut.Exemplar exemplar = s.exemplarFresh ? new SampleOut.Exemplar(s.traceId, s.spanId, s.exemplarValue)
                : null;
        s.exemplarFresh = false;
        boolean first = !s.written;
        s.written = true;
        out.counter(CALLS, s.labels, s.calls, exemplar, first);
        out.histogram(DURATION, s.labels, s.duration, le, exemplar, first);
    }

    /** Label sets kept (the overflow series not counted). */
    int seriesCount() {
        return series.size();
    }

    /** Spans counted in the overflow series since the start. */
    long overflowSpans() {
        return overflowSpans;
    }
}
