package io.sightline.ingest.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.sightline.ingest.derived.DerivedMetricsConfig;
import io.sightline.ingest.otlp.TestRequests;
import io.sightline.ingest.otlp.WalEntries;
import io.sightline.ingest.prometheus.AdmissionConfig;
import io.sightline.ingest.prometheus.LabelBlock;
import io.sightline.ingest.prometheus.SampleEntries;
import io.sightline.ingest.prometheus.SampleWriter;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.wal.WalConfig;
import io.sightline.storage.wal.WriteAheadLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traces WAL → traces applier → a recording trace store, and derived metrics → SampleWriter → metrics WAL. */
class TracesApplierTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    @TempDir
    Path directory;

    private static Span span(String name, String spanId, String parentId, Span.SpanKind kind, long millis) {
        Span.Builder span = Span.newBuilder().setName(name).setKind(kind)
                .setTraceId(ByteString.fromHex(TRACE)).setSpanId(ByteString.fromHex(spanId))
                .setStartTimeUnixNano(T0 * 1_000_000).setEndTimeUnixNano((T0 + millis) * 1_000_000);
        if (!parentId.isEmpty()) {
            span.setParentSpanId(ByteString.fromHex(parentId));
        }
        return span.build();
    }

    private static ResourceSpans service(String name, Span... spans) {
        return ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(TestRequests.string("service.name", name)))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))).build();
    }

    private static byte[] entry(ResourceSpans... resources) {
        return WalEntries.otlp(ExportTraceServiceRequest.newBuilder().addAllResourceSpans(List.of(resources)).build());
    }

    @Test
    void storesSpansAndWritesDerivedSeriesToTheMetricsWalEveryFlushInterval() {
        AtomicLong now = new AtomicLong(T0);
        InstantSource clock = () -> Instant.ofEpochMilli(now.get());
        PrometheusRegistry registry = new PrometheusRegistry();
        try (WriteAheadLog traces = wal("traces"); WriteAheadLog metrics = wal("metrics")) {
            traces.append(entry(service("frontend", span("GET /cart", "00000000000000c1", "00000000000000a1",
                    Span.SpanKind.SPAN_KIND_CLIENT, 300)), service("cart", span("GET /cart", "00000000000000d1",
                    "00000000000000c1", Span.SpanKind.SPAN_KIND_SERVER, 250)))).join();
            traces.append(new byte[] {42, 1, 2}).join(); // corrupt: skipped, counted
            long last = traces.append(entry(service("frontend", span("GET /lonely", "00000000000000c2",
                    "00000000000000a1", Span.SpanKind.SPAN_KIND_CLIENT, 5)))).join();

            RecordingTraceAppender store = new RecordingTraceAppender(-1);
            SampleWriter samples = new SampleWriter(metrics, AdmissionConfig.defaults(), clock);
            TracesApplier applier = new TracesApplier(traces, store, samples, DerivedMetricsConfig.defaults(),
                    new ApplyMetrics(registry), clock).start();
            awaitTrue(() -> applier.appliedIndex() == last);

            assertThat(store.spans).extracting(s -> s.serviceName() + " " + s.name())
                    .containsExactly("frontend GET /cart", "cart GET /cart", "frontend GET /lonely");
            assertThat(store.spans.getFirst().traceId()).isEqualTo(TRACE);
            assertThat(traces.consumerLags()).containsEntry(TracesApplier.CONSUMER, 0L);
            assertThat(counter(registry, "sightline_ingest_apply_corrupt_entries")).isEqualTo(1);
            assertThat(metrics.lastIndex()).as("nothing written before the flush interval").isEqualTo(-1);

            now.addAndGet(15_000); // the idle applier flushes; the lonely client half (10 s wait) expired
            awaitTrue(() -> metrics.lastIndex() >= 0);
            applier.close();

            Rendered written = read(metrics, 0);
            long flushed = T0 + 15_000;
            String client = "{job=\"frontend\", service_name=\"frontend\", span_kind=\"SPAN_KIND_CLIENT\", "
                    + "span_name=\"GET /cart\", status_code=\"STATUS_CODE_UNSET\"}";
            assertThat(written.samples)
                    .containsEntry("traces_span_metrics_calls_total" + client, flushed + "=1.0")
                    .containsEntry("traces_span_metrics_calls_total{job=\"cart\", service_name=\"cart\", "
                            + "span_kind=\"SPAN_KIND_SERVER\", span_name=\"GET /cart\", "
                            + "status_code=\"STATUS_CODE_UNSET\"}", flushed + "=1.0")
                    .containsEntry("traces_span_metrics_duration_seconds_sum" + client, flushed + "=0.3")
                    .containsEntry("traces_service_graph_request_total{client=\"frontend\", server=\"cart\"}",
                            flushed + "=1.0")
                    .containsEntry("traces_service_graph_request_server_seconds_bucket{client=\"frontend\", "
                            + "le=\"0.4\", server=\"cart\"}", flushed + "=1.0")
                    .containsEntry("traces_service_graph_unpaired_spans_total{client=\"frontend\"}", flushed + "=1.0");
            assertThat(written.exemplars).contains("traces_span_metrics_calls_total" + client
                    + " {span_id=\"00000000000000c1\", trace_id=\"" + TRACE + "\"} 0.3 @" + flushed);
            assertThat(written.metadata).contains(
                    new MetricMetadata("traces_span_metrics_calls_total", "counter",
                            "Spans counted by the spanmetrics-style derivation", ""),
                    new MetricMetadata("traces_service_graph_request_server_seconds", "histogram",
                            "Request durations as the server saw them", "seconds"));
        }
    }

    @Test
    void closeWritesTheDerivedSeriesOnceMore() {
        AtomicLong now = new AtomicLong(T0);
        InstantSource clock = () -> Instant.ofEpochMilli(now.get());
        try (WriteAheadLog traces = wal("traces"); WriteAheadLog metrics = wal("metrics")) {
            long index = traces.append(entry(service("api", span("GET /", "00000000000000e1", "",
                    Span.SpanKind.SPAN_KIND_SERVER, 20)))).join();
            TracesApplier applier = new TracesApplier(traces, new RecordingTraceAppender(-1),
                    new SampleWriter(metrics, AdmissionConfig.defaults(), clock), DerivedMetricsConfig.defaults(),
                    new ApplyMetrics(new PrometheusRegistry()), clock).start();
            awaitTrue(() -> applier.appliedIndex() == index);
            now.addAndGet(1_000);
            applier.close();

            awaitTrue(() -> metrics.lastIndex() >= 0);
            assertThat(read(metrics, 0).samples).containsEntry("traces_span_metrics_calls_total{job=\"api\", "
                    + "service_name=\"api\", span_kind=\"SPAN_KIND_SERVER\", span_name=\"GET /\", "
                    + "status_code=\"STATUS_CODE_UNSET\"}", (T0 + 1_000) + "=1.0");
        }
    }

    /** A metrics WAL entry decoded as the metrics applier decodes it: "series" → "t=v", exemplars, metadata. */
    private record Rendered(Map<String, String> samples, List<String> exemplars, List<MetricMetadata> metadata) {
    }

    private static Rendered read(WriteAheadLog wal, long index) {
        Rendered rendered = new Rendered(new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
        try (var reader = wal.reader(index - 1)) {
            assertThat(reader.next((at, entry) -> SampleEntries.read(entry, new SampleEntries.Visitor() {
                private String series;

                @Override
                public void series(byte[] bytes, int offset, int length) {
                    series = LabelBlock.toLabels(bytes, offset, length).toString();
                }

                @Override
                public void sample(long timestampMs, double value) {
                    rendered.samples.put(series, timestampMs + "=" + value);
                }

                @Override
                public void exemplar(byte[] bytes, int offset, int length, double value, long timestampMs) {
                    rendered.exemplars.add(series + " " + LabelBlock.toLabels(bytes, offset, length) + " " + value
                            + " @" + timestampMs);
                }

                @Override
                public void metadata(MetricMetadata metadata) {
                    rendered.metadata.add(metadata);
                }
            }))).isTrue();
        }
        return rendered;
    }

    private WriteAheadLog wal(String name) {
        return WriteAheadLog.open(name, WalConfig.defaults(directory.resolve(name)), InstantSource.system());
    }

    private static double counter(PrometheusRegistry registry, String name) {
        return registry.scrape().stream().filter(s -> s.getMetadata().getName().equals(name))
                .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }

    private static void awaitTrue(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not met in time").isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
