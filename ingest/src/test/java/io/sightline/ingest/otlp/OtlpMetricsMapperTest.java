package io.sightline.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.sightline.ingest.prometheus.RecordedEntry;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleEntryWriter;
import io.sightline.ingest.prometheus.SampleRejections;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.Sample;
import org.junit.jupiter.api.Test;

/** OTLP metrics from the real OpenTelemetry Java SDK, mapped to Prometheus series, asserted exactly. */
class OtlpMetricsMapperTest {
    private static final String TARGET = "instance=\"i-1\", job=\"shop/checkout\"";
    private static final long T1 = SdkMetrics.START_NANOS / 1_000_000 + 10_000;
    private static final long T2 = T1 + 10_000;
    private static final Attributes GET = Attributes.of(AttributeKey.stringKey("http.request.method"), "GET");

    private final OtlpMetricsMapper mapper = new OtlpMetricsMapper(OtlpMetricsConfig.defaults(), InstantSource.system());
    private final SampleRejections rejections = new SampleRejections();

    @Test
    void cumulativeInstrumentsBecomeCountersGaugesAndClassicHistograms() {
        SdkMetrics sdk = new SdkMetrics(io.opentelemetry.sdk.metrics.data.AggregationTemporality.CUMULATIVE);
        Meter meter = sdk.provider.get("shop");
        meter.counterBuilder("http.server.requests").setUnit("{request}").setDescription("Requests served").build()
                .add(5, GET);
        var queue = meter.upDownCounterBuilder("queue.size").setUnit("{item}").build();
        queue.add(3);
        queue.add(-1);
        meter.gaugeBuilder("cpu.utilization").setUnit("1").build().set(0.5);
        meter.histogramBuilder("http.server.request.duration").setUnit("s")
                .setExplicitBucketBoundariesAdvice(List.of(0.005, 0.1, 1.0)).build().record(0.05, GET);
        sdk.advanceSeconds(10);

        RecordedEntry entry = map(sdk.collect());

        assertThat(entry.samples()).containsExactlyInAnyOrder(
                "http_server_requests_total{http_request_method=\"GET\", " + TARGET + "} " + T1 + "=5.0",
                "queue_size{" + TARGET + "} " + T1 + "=2.0",
                "cpu_utilization_ratio{" + TARGET + "} " + T1 + "=0.5",
                "http_server_request_duration_seconds_bucket{http_request_method=\"GET\", " + TARGET
                        + ", le=\"0.005\"} " + T1 + "=0.0",
                "http_server_request_duration_seconds_bucket{http_request_method=\"GET\", " + TARGET
                        + ", le=\"0.1\"} " + T1 + "=1.0",
                "http_server_request_duration_seconds_bucket{http_request_method=\"GET\", " + TARGET
                        + ", le=\"1\"} " + T1 + "=1.0",
                "http_server_request_duration_seconds_bucket{http_request_method=\"GET\", " + TARGET
                        + ", le=\"+Inf\"} " + T1 + "=1.0",
                "http_server_request_duration_seconds_sum{http_request_method=\"GET\", " + TARGET + "} " + T1 + "=0.05",
                "http_server_request_duration_seconds_count{http_request_method=\"GET\", " + TARGET + "} " + T1 + "=1.0",
                "target_info{host_name=\"h1\", " + TARGET + "} " + T1 + "=1.0");
        assertThat(entry.metadata()).contains(
                new MetricMetadata("http_server_requests_total", "counter", "Requests served", ""),
                new MetricMetadata("queue_size", "gauge", "", ""),
                new MetricMetadata("cpu_utilization_ratio", "gauge", "", ""),
                new MetricMetadata("http_server_request_duration_seconds", "histogram", "", "seconds"));
    }

    @Test
    void exponentialHistogramsBecomeClassicBucketsAtTheConfiguredScale() {
        SdkMetrics sdk = new SdkMetrics(io.opentelemetry.sdk.metrics.data.AggregationTemporality.CUMULATIVE);
        var histogram = sdk.provider.get("shop").histogramBuilder("payload.exponential").setUnit("By").build();
        histogram.record(1);
        histogram.record(2);
        histogram.record(4);
        sdk.advanceSeconds(10);

        RecordedEntry entry = map(sdk.collect());

        String series = "payload_exponential_bytes_bucket{" + TARGET + ", le=";
        assertThat(entry.samples()).containsSubsequence(
                series + "\"1\"} " + T1 + "=1.0",
                series + "\"1.4142135623730951\"} " + T1 + "=1.0",
                series + "\"2\"} " + T1 + "=2.0",
                series + "\"2.8284271247461903\"} " + T1 + "=2.0",
                series + "\"4\"} " + T1 + "=3.0",
                series + "\"+Inf\"} " + T1 + "=3.0",
                "payload_exponential_bytes_sum{" + TARGET + "} " + T1 + "=7.0",
                "payload_exponential_bytes_count{" + TARGET + "} " + T1 + "=3.0");
        assertThat(entry.samples()).filteredOn(s -> s.startsWith("payload")).hasSize(8);
    }

    @Test
    void deltaTemporalityIsAccumulatedIntoCumulativeSeries() {
        SdkMetrics sdk = new SdkMetrics(io.opentelemetry.sdk.metrics.data.AggregationTemporality.DELTA);
        Meter meter = sdk.provider.get("shop");
        var counter = meter.counterBuilder("jobs.done").build();
        var upDown = meter.upDownCounterBuilder("jobs.running").build();
        var histogram = meter.histogramBuilder("job.duration").setUnit("ms")
                .setExplicitBucketBoundariesAdvice(List.of(10.0)).build();
        var exponential = meter.histogramBuilder("job.exponential").build();
        counter.add(5);
        upDown.add(4);
        histogram.record(5);
        exponential.record(3);
        sdk.advanceSeconds(10);
        List<String> first = map(sdk.collect()).samples();
        counter.add(2);
        upDown.add(-3);
        histogram.record(50);
        exponential.record(3);
        sdk.advanceSeconds(10);
        List<String> second = map(sdk.collect()).samples();

        assertThat(first).contains("jobs_done_total{" + TARGET + "} " + T1 + "=5.0",
                "jobs_running{" + TARGET + "} " + T1 + "=4.0",
                "job_duration_milliseconds_bucket{" + TARGET + ", le=\"10\"} " + T1 + "=1.0");
        assertThat(second).contains("jobs_done_total{" + TARGET + "} " + T2 + "=7.0",
                "jobs_running{" + TARGET + "} " + T2 + "=1.0",
                "job_duration_milliseconds_bucket{" + TARGET + ", le=\"10\"} " + T2 + "=1.0",
                "job_duration_milliseconds_bucket{" + TARGET + ", le=\"+Inf\"} " + T2 + "=2.0",
                "job_duration_milliseconds_sum{" + TARGET + "} " + T2 + "=55.0",
                "job_duration_milliseconds_count{" + TARGET + "} " + T2 + "=2.0",
                "job_exponential_bucket{" + TARGET + ", le=\"+Inf\"} " + T2 + "=2.0",
                "job_exponential_count{" + TARGET + "} " + T2 + "=2.0");
        assertThat(rejections.samples()).isZero();
    }

    @Test
    void deltaRestartsStartANewRunAndRepeatsAreRejected() {
        long second = 1_000_000_000L;
        long t0 = SdkMetrics.START_NANOS;
        assertThat(map(delta(t0, t0 + 10 * second, 5)).samples()).containsExactly("restarts_total{job=\"svc\"} "
                + (t0 + 10 * second) / 1_000_000 + "=5.0");
        // A gap (start after the previous end) still adds up.
        assertThat(map(delta(t0 + 20 * second, t0 + 30 * second, 1)).samples()).containsExactly(
                "restarts_total{job=\"svc\"} " + (t0 + 30 * second) / 1_000_000 + "=6.0");
        // The same interval again: a repeat.
        assertThat(map(delta(t0 + 20 * second, t0 + 30 * second, 1)).samples()).isEmpty();
        assertThat(rejections.message()).startsWith("delta point of restarts_total ending at 2026-01-01T00:00:30Z "
                + "does not end after the previous point of its series (2026-01-01T00:00:30Z)");
        // Starting before the previous end but ending after it: the sender restarted.
        assertThat(map(delta(t0 + 25 * second, t0 + 40 * second, 2)).samples()).containsExactly(
                "restarts_total{job=\"svc\"} " + (t0 + 40 * second) / 1_000_000 + "=2.0");
    }

    @Test
    void noRecordedValueBecomesAStaleMarker() {
        long t = SdkMetrics.START_NANOS;
        ExportMetricsServiceRequest request = request(Metric.newBuilder().setName("up")
                .setGauge(io.opentelemetry.proto.metrics.v1.Gauge.newBuilder().addDataPoints(
                        NumberDataPoint.newBuilder().setTimeUnixNano(t).setFlags(1))).build());
        SampleBatch batch = new SampleBatch();
        mapper.map(request, batch, rejections);
        assertThat(Sample.isStaleMarker(batch.value(0))).isTrue();
    }

    @Test
    void promotedResourceAttributesAndScopeLabelsAreAddedWhenConfigured() {
        OtlpMetricsMapper promoting = new OtlpMetricsMapper(new OtlpMetricsConfig(List.of("host.name"), true, 1, 40,
                OtlpMetricsConfig.DEFAULT_DELTA_IDLE_TIMEOUT), InstantSource.system());
        SdkMetrics sdk = new SdkMetrics(io.opentelemetry.sdk.metrics.data.AggregationTemporality.CUMULATIVE);
        sdk.provider.meterBuilder("shop.lib").setInstrumentationVersion("1.2").build().counterBuilder("x").build()
                .add(1, Attributes.of(AttributeKey.stringKey("host.name"), "override"));
        sdk.advanceSeconds(10);
        SampleBatch batch = new SampleBatch();
        promoting.map(sdk.collect(), batch, rejections);
        assertThat(RecordedEntry.of(new SampleEntryWriter().encode(batch)).samples()).contains(
                "x_total{host_name=\"override\", " + TARGET + ", otel_scope_name=\"shop.lib\", "
                        + "otel_scope_version=\"1.2\"} " + T1 + "=1.0");
    }

    @Test
    void summariesBecomeQuantilesSumAndCountUnderTheirOwnFamily() {
        long t = SdkMetrics.START_NANOS;
        long ms = t / 1_000_000;
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
        for (String name : new String[] {"rpc.latency", "gc.pause"}) {
            scope.addMetrics(Metric.newBuilder().setName(name).setUnit("s").setSummary(Summary.newBuilder()
                    .addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(t).setCount(4).setSum(2)
                            .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder()
                                    .setQuantile(0.5).setValue(0.25)))));
        }
        RecordedEntry entry = map(ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(scope)).build());

        assertThat(entry.samples()).containsExactlyInAnyOrder(
                "rpc_latency_seconds{quantile=\"0.5\"} " + ms + "=0.25",
                "rpc_latency_seconds_sum{} " + ms + "=2.0",
                "rpc_latency_seconds_count{} " + ms + "=4.0",
                "gc_pause_seconds{quantile=\"0.5\"} " + ms + "=0.25",
                "gc_pause_seconds_sum{} " + ms + "=2.0",
                "gc_pause_seconds_count{} " + ms + "=4.0");
    }

    private ExportMetricsServiceRequest delta(long start, long end, long value) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                        .addAttributes(TestRequests.string("service.name", "svc")))
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("restarts")
                        .setSum(Sum.newBuilder().setIsMonotonic(true)
                                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                                .addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(start)
                                        .setTimeUnixNano(end).setAsInt(value)))))).build();
    }

    private static ExportMetricsServiceRequest request(Metric metric) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric))).build();
    }

    private RecordedEntry map(ExportMetricsServiceRequest request) {
        rejections.clear();
        SampleBatch batch = new SampleBatch();
        mapper.map(request, batch, rejections);
        return RecordedEntry.of(new SampleEntryWriter().encode(batch));
    }
}
