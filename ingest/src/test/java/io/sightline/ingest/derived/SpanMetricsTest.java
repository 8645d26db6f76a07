package io.sightline.ingest.derived;

import static io.sightline.ingest.derived.Spans.id;
import static io.sightline.ingest.derived.Spans.span;
import static io.sightline.ingest.derived.Spans.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;

import io.sightline.storage.traces.SpanRecord;
import org.junit.jupiter.api.Test;

/** Span metrics against values computed by hand with the connector's default buckets. */
class SpanMetricsTest {
    private static final double[] BOUNDS = DerivedMetricsConfig.DEFAULT_SPAN_METRICS_BUCKETS.stream()
            .mapToDouble(Double::doubleValue).toArray();
    private static final Map<String, Object> RESOURCE = Map.of("service.namespace", "shop",
            "service.instance.id", "i-1", "host.name", "h");
    private static final String SERVER = "instance=\"i-1\", job=\"shop/checkout\", service_name=\"checkout\", "
            + "span_kind=\"SPAN_KIND_SERVER\", span_name=\"GET /orders\", status_code=\"STATUS_CODE_UNSET\"";

    private static SpanRecord server(int n, double millis) {
        return span("checkout", RESOURCE, trace(n), id(n), id(100), "GET /orders", SpanRecord.KIND_SERVER,
                SpanRecord.STATUS_UNSET, millis, Map.of());
    }

    private static RenderedBatch flush(SpanMetrics metrics, long timestampMs) {
        SampleOut out = new SampleOut();
        out.start(timestampMs);
        metrics.writeTo(out);
        return RenderedBatch.of(out.batch());
    }

    private static String bucket(String le) {
        return "traces_span_metrics_duration_seconds_bucket{instance=\"i-1\", job=\"shop/checkout\", le=\"" + le
                + "\", service_name=\"checkout\", span_kind=\"SPAN_KIND_SERVER\", span_name=\"GET /orders\", "
                + "status_code=\"STATUS_CODE_UNSET\"}";
    }

    @Test
    void countsDurationsIntoTheConnectorsBucketsWithJobInstanceAndAnExemplar() {
        SpanMetrics metrics = new SpanMetrics(100, BOUNDS);
        // 1 ms and 2 ms (on the bound: le is inclusive) → le 0.002; 3 ms → 0.004; 50 ms → 0.05; 20 s → +Inf only.
        metrics.observe(List.of(server(1, 1), server(2, 2), server(3, 3), server(4, 50), server(5, 20_000)));
        metrics.observe(span("", trace(9), id(9), "", SpanRecord.KIND_SERVER, SpanRecord.STATUS_UNSET, 1));

        RenderedBatch batch = flush(metrics, 1_000);

        Map<String, Double> expected = new java.util.LinkedHashMap<>();
        expected.put("traces_span_metrics_calls_total{" + SERVER + "}", 5.0);
        double[] cumulative = {2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5};
        String[] le = {"0.002", "0.004", "0.006", "0.008", "0.01", "0.05", "0.1", "0.2", "0.4", "0.8", "1", "1.4", "2",
                "5", "10", "15", "+Inf"};
        for (int i = 0; i < le.length; i++) {
            expected.put(bucket(le[i]), cumulative[i]);
        }
        expected.put("traces_span_metrics_duration_seconds_sum{" + SERVER + "}", 0.001 + 0.002 + 0.003 + 0.05 + 20);
        expected.put("traces_span_metrics_duration_seconds_count{" + SERVER + "}", 5.0);
        assertThat(batch.values()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(batch.timestamps().values()).containsOnly(1_000L);
        String exemplar = "{span_id=\"" + id(5) + "\", trace_id=\"" + trace(5) + "\"} 20.0 @1000";
        assertThat(batch.exemplars()).containsOnly(
                entry("traces_span_metrics_calls_total{" + SERVER + "}", exemplar),
                entry(bucket("+Inf"), exemplar));
    }

    @Test
    void kindsAndStatusesAreSeparateSeriesAndCountersStayCumulative() {
        SpanMetrics metrics = new SpanMetrics(100, BOUNDS);
        metrics.observe(span("cart", trace(1), id(1), id(2), SpanRecord.KIND_CLIENT, SpanRecord.STATUS_ERROR, 5));
        metrics.observe(span("cart", trace(1), id(3), id(2), SpanRecord.KIND_CLIENT, SpanRecord.STATUS_OK, 5));
        metrics.observe(span("cart", trace(1), id(4), id(2), SpanRecord.KIND_CONSUMER, SpanRecord.STATUS_OK, 5));

        RenderedBatch first = flush(metrics, 1_000);
        assertThat(first.values()).containsEntry("traces_span_metrics_calls_total{job=\"cart\", service_name=\"cart\", "
                + "span_kind=\"SPAN_KIND_CLIENT\", span_name=\"op\", status_code=\"STATUS_CODE_ERROR\"}", 1.0)
                .containsEntry("traces_span_metrics_calls_total{job=\"cart\", service_name=\"cart\", "
                        + "span_kind=\"SPAN_KIND_CLIENT\", span_name=\"op\", status_code=\"STATUS_CODE_OK\"}", 1.0)
                .containsEntry("traces_span_metrics_calls_total{job=\"cart\", service_name=\"cart\", "
                        + "span_kind=\"SPAN_KIND_CONSUMER\", span_name=\"op\", status_code=\"STATUS_CODE_OK\"}", 1.0);
        assertThat(metrics.seriesCount()).isEqualTo(3);

        metrics.observe(span("cart", trace(2), id(1), id(2), SpanRecord.KIND_CLIENT, SpanRecord.STATUS_ERROR, 5));
        RenderedBatch second = flush(metrics, 16_000);
        assertThat(second.values()).containsEntry("traces_span_metrics_calls_total{job=\"cart\", service_name=\"cart\", "
                + "span_kind=\"SPAN_KIND_CLIENT\", span_name=\"op\", status_code=\"STATUS_CODE_ERROR\"}", 2.0)
                .containsEntry("traces_span_metrics_calls_total{job=\"cart\", service_name=\"cart\", "
                        + "span_kind=\"SPAN_KIND_CLIENT\", span_name=\"op\", status_code=\"STATUS_CODE_OK\"}", 1.0);
        // Only the series that counted a span since the last flush carries an exemplar.
        assertThat(second.exemplars()).hasSize(2).allSatisfy((series, exemplar) ->
                assertThat(series).contains("STATUS_CODE_ERROR"));

        RenderedBatch quiet = flush(metrics, 31_000);
        assertThat(quiet.values()).hasSize(second.values().size());
        assertThat(quiet.exemplars()).isEmpty();
    }

    @Test
    void labelSetsBeyondTheLimitCountInOneOverflowSeries() {
        SpanMetrics metrics = new SpanMetrics(1, BOUNDS);
        metrics.observe(span("a", trace(1), id(1), "", SpanRecord.KIND_SERVER, SpanRecord.STATUS_UNSET, 1));
        metrics.observe(span("b", trace(2), id(2), "", SpanRecord.KIND_SERVER, SpanRecord.STATUS_UNSET, 1));
        metrics.observe(span("c", trace(3), id(3), "", SpanRecord.KIND_SERVER, SpanRecord.STATUS_UNSET, 1));
        metrics.observe(span("a", trace(4), id(4), "", SpanRecord.KIND_SERVER, SpanRecord.STATUS_UNSET, 1));

        RenderedBatch batch = flush(metrics, 1_000);

        assertThat(batch.values())
                .containsEntry("traces_span_metrics_calls_total{job=\"a\", service_name=\"a\", "
                        + "span_kind=\"SPAN_KIND_SERVER\", span_name=\"op\", status_code=\"STATUS_CODE_UNSET\"}", 2.0)
                .containsEntry("traces_span_metrics_calls_total{otel_metric_overflow=\"true\"}", 2.0)
                .containsEntry("traces_span_metrics_duration_seconds_count{otel_metric_overflow=\"true\"}", 2.0)
                .containsEntry("traces_span_metrics_duration_seconds_bucket{le=\"0.002\", otel_metric_overflow=\"true\"}",
                        2.0);
        assertThat(metrics.overflowSpans()).isEqualTo(2);
        assertThat(metrics.seriesCount()).isEqualTo(1);
    }

    @Test
    void nothingObservedWritesNothing() {
        assertThat(flush(new SpanMetrics(10, BOUNDS), 1_000).values()).isEmpty();
    }
}
