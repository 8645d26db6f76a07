package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.ingest.otlp.OtlpMetricsConfig;
import io.sightline.ingest.otlp.OtlpMetricsMapper;
import io.sightline.ingest.prometheus.LabelBlock;
import io.sightline.ingest.prometheus.RecordedEntry;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleEntryWriter;
import io.sightline.ingest.prometheus.SampleRejections;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.Sample;
import org.junit.jupiter.api.Test;

class OtlpMetricsEncoderTest {
    private static final long T = 1_767_225_600_000L;
    private static final Labels TRACE = Labels.of("trace_id", "0af7651916cd43dd8448eb211c80319c",
            "span_id", "b7ad6b7169203331", "user", "u1");

    /** Series of every shape the encoder promises to carry back to the same Prometheus series. */
    private static List<byte[]> entries() {
        byte[] first = new TestEntries()
                .series("__name__", "http_requests_total", "job", "shop/checkout", "instance", "pod-1", "code", "200")
                .sample(T, 1).sample(T + 15_000, 4)
                .exemplar(TRACE, 1, T + 14_000)
                .series("__name__", "room_temperature", "job", "sensors", "room", "a").sample(T, 21.5)
                .series("__name__", "req_duration_seconds_bucket", "job", "api", "le", "0.1").sample(T, 3)
                .series("__name__", "req_duration_seconds_bucket", "job", "api", "le", "+Inf").sample(T, 5)
                .series("__name__", "req_duration_seconds_sum", "job", "api").sample(T, 0.75)
                .series("__name__", "req_duration_seconds_count", "job", "api").sample(T, 5)
                .series("__name__", "orphan", "x", "1").sample(T, -2)
                .series("__name__", "jobs_total", "job", "/odd").sample(T, 7)
                .series("__name__", "up", "job", "ns/", "instance", "h:9090").sample(T, Double.NaN)
                .metadata("http_requests_total", "counter", "Requests.", "")
                .metadata("room_temperature", "gauge", "Temperature.", "celsius")
                .metadata("req_duration_seconds", "histogram", "Latency.", "seconds")
                .entry();
        byte[] second = new TestEntries()
                .series("__name__", "room_temperature", "job", "sensors", "room", "a").sample(T + 15_000, Sample.STALE_NAN)
                .series("__name__", "http_requests_total", "job", "shop/checkout", "instance", "pod-1", "code", "200")
                .sample(T + 30_000, 9)
                .entry();
        return List.of(first, second);
    }

    @Test
    void theReceiverMapsTheRequestBackToTheSameSeries() throws InvalidProtocolBufferException {
        OtlpMetricsEncoder encoder = new OtlpMetricsEncoder(ExportFilter.ALL);
        List<String> sent = new ArrayList<>();
        List<String> sentExemplars = new ArrayList<>();
        for (byte[] entry : entries()) {
            assertThat(encoder.add(entry)).isEqualTo(RecordedEntry.of(entry).samples().size());
            sent.addAll(RecordedEntry.of(entry).samples());
            sentExemplars.addAll(RecordedEntry.of(entry).exemplars());
        }
        List<ExportRequest> requests = encoder.drain();
        assertThat(requests).hasSize(1);
        assertThat(requests.getFirst().items()).isEqualTo(sent.size()).isEqualTo(12);
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(requests.getFirst().body());

        SampleBatch received = new SampleBatch();
        SampleRejections rejections = new SampleRejections();
        new OtlpMetricsMapper(OtlpMetricsConfig.defaults(), InstantSource.system()).map(request, received, rejections);
        RecordedEntry back = RecordedEntry.of(new SampleEntryWriter().encode(received));

        assertThat(back.samples()).containsExactlyInAnyOrderElementsOf(sent);
        // The stale marker keeps its bits (the ordinary NaN of up stays an ordinary NaN).
        List<Long> nanBits = new ArrayList<>();
        for (int i = 0; i < received.sampleCount(); i++) {
            if (Double.isNaN(received.value(i))) {
                nanBits.add(Double.doubleToRawLongBits(received.value(i)));
            }
        }
        assertThat(nanBits).hasSize(2).contains(Sample.STALE_NAN_BITS)
                .anyMatch(bits -> bits != Sample.STALE_NAN_BITS);
        // Exemplars: the same labels (the receiver writes them unsorted, so compare as label sets).
        assertThat(received.exemplarLabelArray()).isNotNull();
        assertThat(exemplars(received)).containsExactly(sentExemplars.getFirst());
        assertThat(back.metadata()).contains(new MetricMetadata("http_requests_total", "counter", "Requests.", ""),
                new MetricMetadata("room_temperature", "gauge", "Temperature.", ""));
        Metric counter = request.getResourceMetricsList().stream().flatMap(r -> r.getScopeMetricsList().stream())
                .flatMap(s -> s.getMetricsList().stream()).filter(m -> m.getName().equals("http_requests_total"))
                .findFirst().orElseThrow();
        assertThat(counter.getSum().getIsMonotonic()).isTrue();
        assertThat(counter.getSum().getDataPointsCount()).isEqualTo(3);
    }

    @Test
    void filtersByTheServicePartOfJob() throws InvalidProtocolBufferException {
        OtlpMetricsEncoder encoder = new OtlpMetricsEncoder(new ExportFilter(Set.of("checkout", "sensors"),
                Set.of("sensors"), 1.0));
        int added = 0;
        for (byte[] entry : entries()) {
            added += encoder.add(entry);
        }
        assertThat(added).isEqualTo(3);
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(encoder.drain().getFirst().body());
        assertThat(request.getResourceMetricsCount()).isEqualTo(1);
        assertThat(request.getResourceMetrics(0).getResource().getAttributesList())
                .extracting(a -> a.getKey() + "=" + a.getValue().getStringValue())
                .containsExactly("service.name=checkout", "service.namespace=shop", "service.instance.id=pod-1");
    }

    @Test
    void aCorruptEntryLeavesNothingPending() {
        OtlpMetricsEncoder encoder = new OtlpMetricsEncoder(ExportFilter.ALL);
        encoder.add(new TestEntries().series("__name__", "good").sample(T, 1).entry());
        long bytes = encoder.pendingBytes();
        byte[] corrupt = entries().getFirst();
        corrupt[20] ^= 4;
        assertThatThrownBy(() -> encoder.add(corrupt)).isInstanceOf(CorruptEntryException.class);
        assertThat(encoder.pendingItems()).isEqualTo(1);
        assertThat(encoder.pendingBytes()).isEqualTo(bytes);
        assertThat(encoder.drain()).singleElement().extracting(ExportRequest::items).isEqualTo(1);
        assertThat(encoder.drain()).isEmpty();
    }

    @Test
    void pendingBytesEstimatesTheRequestSize() {
        OtlpMetricsEncoder encoder = new OtlpMetricsEncoder(ExportFilter.ALL);
        for (int e = 0; e < 5; e++) {
            TestEntries entries = new TestEntries();
            for (int s = 0; s < 50; s++) {
                entries.series("__name__", "m" + s % 7, "job", "svc" + s % 3, "path", "/api/v1/item/" + s)
                        .sample(T + e, s * 0.5);
            }
            encoder.add(entries.entry());
        }
        for (byte[] entry : entries()) {
            encoder.add(entry);
        }
        long estimate = encoder.pendingBytes();
        long actual = encoder.drain().getFirst().body().length;
        assertThat((double) estimate).isCloseTo(actual, org.assertj.core.data.Percentage.withPercentage(15));
    }

    @Test
    void shapesTheReceiverRenamesDoNotRoundTrip() throws InvalidProtocolBufferException {
        // Documented in the README: label names starting with '_' or holding "__" and metric names the
        // OTLP naming rewrites come back renamed; exemplars of gauges are dropped by the receiver.
        OtlpMetricsEncoder encoder = new OtlpMetricsEncoder(ExportFilter.ALL);
        encoder.add(new TestEntries().series("__name__", "a__b", "_private", "x").sample(T, 1)
                .exemplar(TRACE, 1, T).entry());
        SampleBatch received = new SampleBatch();
        new OtlpMetricsMapper(OtlpMetricsConfig.defaults(), InstantSource.system()).map(
                ExportMetricsServiceRequest.parseFrom(encoder.drain().getFirst().body()), received, new SampleRejections());
        assertThat(RecordedEntry.of(new SampleEntryWriter().encode(received)).samples())
                .containsExactly("a_b{key_private=\"x\"} " + T + "=1.0");
        assertThat(received.exemplarStart(0)).isEqualTo(received.exemplarEnd(0));
    }

    private static List<String> exemplars(SampleBatch batch) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < batch.seriesCount(); s++) {
            for (int e = batch.exemplarStart(s); e < batch.exemplarEnd(s); e++) {
                int start = batch.exemplarLabelStart(e);
                Labels labels = LabelBlock.toLabels(batch.exemplarLabelArray(), start, batch.exemplarLabelEnd(e) - start);
                int seriesStart = batch.labelStart(s);
                out.add(LabelBlock.toLabels(batch.labelArray(), seriesStart, batch.labelEnd(s) - seriesStart) + " "
                        + labels + " " + batch.exemplarTimestamp(e) + "=" + batch.exemplarValue(e));
            }
        }
        return out;
    }
}
