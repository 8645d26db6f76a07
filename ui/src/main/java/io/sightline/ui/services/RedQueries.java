package io.sightline.ui.services;

import java.util.Locale;

import io.sightline.query.promql.parser.GoStrings;

/**
 * The PromQL behind the overview, service and map pages, over the series Sightline derives from
 * spans, named as the OpenTelemetry Collector's spanmetrics connector and Tempo's service graph
 * name them. A service's own RED figures count its server spans ({@code SPAN_KIND_SERVER}), as
 * Jaeger's monitor tab does: its client spans are the callee's requests, counted there.
 *
 * <p>Figures over a whole range use {@code increase(...[<range>s])} evaluated at the range's end;
 * chart series use {@code rate(...[<window>s])} at each step. Every label value is written as a
 * PromQL string literal ({@link #literal}), so a service called {@code a"} cannot change a query.
 * Stateless.
 */
final class RedQueries {
    static final String CALLS = "traces_span_metrics_calls_total";
    static final String DURATION_BUCKET = "traces_span_metrics_duration_seconds_bucket";
    static final String DURATION_SUM = "traces_span_metrics_duration_seconds_sum";
    static final String EDGE_REQUESTS = "traces_service_graph_request_total";
    static final String EDGE_FAILED = "traces_service_graph_request_failed_total";
    static final String EDGE_SECONDS_BUCKET = "traces_service_graph_request_server_seconds_bucket";
    static final String SERVER = "span_kind=\"SPAN_KIND_SERVER\"";
    static final String ERROR = "status_code=\"STATUS_CODE_ERROR\"";

    private RedQueries() {
    }

    /** Requests over {@code window}, per {@code by}; {@code selector} is the inside of the braces. */
    static String increase(String metric, String selector, String by, long windowSeconds) {
        return "sum by (" + by + ") (increase(" + metric + "{" + selector + "}[" + windowSeconds + "s]))";
    }

    /** Per-second rate over {@code window}, per {@code by}. */
    static String rate(String metric, String selector, String by, long windowSeconds) {
        return "sum by (" + by + ") (rate(" + metric + "{" + selector + "}[" + windowSeconds + "s]))";
    }

    /** The {@code q} quantile (0..1) of a histogram's buckets over {@code window}, per {@code by}. */
    static String quantile(double q, String bucketMetric, String selector, String by, long windowSeconds) {
        return "histogram_quantile(" + String.format(Locale.ROOT, "%s", q) + ", sum by (" + by + ", le) (rate("
                + bucketMetric + "{" + selector + "}[" + windowSeconds + "s])))";
    }

    /** The selector of one service's server spans. */
    static String serverSpansOf(String service) {
        return "service_name=" + literal(service) + ", " + SERVER;
    }

    /** The selector of one service's server spans that failed. */
    static String serverErrorsOf(String service) {
        return serverSpansOf(service) + ", " + ERROR;
    }

    /** A rate window for charts: two steps, at least a minute, so each point spans samples. */
    static long chartWindowSeconds(long stepMs) {
        return Math.max(60, 2 * ((stepMs + 999) / 1000));
    }

    /** The whole range as a PromQL window, at least a second. */
    static long rangeSeconds(long durationMs) {
        return Math.max(1, (durationMs + 999) / 1000);
    }

    /** {@code text} as a double-quoted PromQL string literal (Go's quoting, which the parser reads back). */
    static String literal(String text) {
        return GoStrings.quote(text);
    }
}
