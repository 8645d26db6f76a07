package io.sightline.ingest.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;

import io.sightline.storage.tsdb.MetricMetadata;
import org.junit.jupiter.api.Test;

class RemoteWriteDecoderTest {
    private final RemoteWriteDecoder decoder = new RemoteWriteDecoder();
    private final SampleBatch batch = new SampleBatch();
    private final SampleRejections rejections = new SampleRejections();

    @Test
    void decodesSeriesSamplesExemplarsAndMetadata() {
        byte[] request = new WriteRequests()
                .series("__name__", "http_requests_total", "job", "api", "path", "")
                .sample(1000, 1).sample(2000, 2.5).exemplar(1500, 0.25, "trace_id", "abc", "span_id", "").end()
                .series("__name__", "up", "instance", "a:9100").sample(1000, 1).end()
                .metadata(1, "http_requests_total", "Requests served", "")
                .bytes();
        decoder.decode(request, request.length, batch, rejections);

        assertThat(rejections.samples()).isZero();
        assertThat(entry().samples()).containsExactly(
                "http_requests_total{job=\"api\"} 1000=1.0",
                "http_requests_total{job=\"api\"} 2000=2.5",
                "up{instance=\"a:9100\"} 1000=1.0");
        assertThat(entry().exemplars()).containsExactly("http_requests_total{job=\"api\"} {trace_id=\"abc\"} 1500=0.25");
        assertThat(entry().metadata()).containsExactly(
                new MetricMetadata("http_requests_total", "counter", "Requests served", ""));
    }

    @Test
    void leavesOutSeriesWithInvalidLabelsAndKeepsTheRest() {
        byte[] request = new WriteRequests()
                .series("job", "a", "__name__", "unsorted").sample(1, 1).end()
                .series("__name__", "dup", "job", "a", "job", "b").sample(1, 1).end()
                .series("job", "nameless").sample(1, 1).sample(2, 2).end()
                .series("__name__", "1bad").sample(1, 1).end()
                .series("__name__", "ok", "bad-name", "x").sample(1, 1).end()
                .series("__name__", "good").sample(1, 1).end()
                .series("__name__", "native").histogram().end()
                .bytes();
        decoder.decode(request, request.length, batch, rejections);

        assertThat(entry().samples()).containsExactly("good{} 1=1.0");
        assertThat(rejections.byReason()).containsEntry(SampleRejections.INVALID_LABELS, 6L)
                .containsEntry(SampleRejections.UNSUPPORTED, 1L);
        assertThat(rejections.message()).startsWith(
                "series 0: labels not sorted by name: '__name__' after 'job'; "
                        + "series 1: duplicate label name 'job'; series 2: no metric name (label __name__)");
        assertThat(rejections.items().stream().toArray()).containsExactly(0, 1, 2, 3, 4, 6);
    }

    @Test
    void truncatedOrGarbageBodiesAreMalformed() {
        byte[] request = new WriteRequests().series("__name__", "up").sample(1, 1).end().bytes();
        for (int cut = 1; cut < request.length; cut++) {
            byte[] truncated = Arrays.copyOf(request, cut);
            assertThatThrownBy(() -> decoder.decode(truncated, truncated.length, batch, rejections))
                    .as("cut at %d", cut)
                    .isInstanceOf(MalformedRequestException.class)
                    .hasMessageContaining("invalid protobuf WriteRequest");
        }
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> decoder.decode(garbage, garbage.length, batch, rejections))
                .isInstanceOf(MalformedRequestException.class);
    }

    private RecordedEntry entry() {
        SeriesAdmission admission = new SeriesAdmission(AdmissionConfig.defaults(), 0);
        byte[] entry = admission.admit(batch, new SampleRejections(), 0);
        return RecordedEntry.of(entry);
    }

    static AdmissionConfig windowed(Duration window) {
        AdmissionConfig d = AdmissionConfig.defaults();
        return new AdmissionConfig(window, d.maxSeries(), d.maxSeriesPerMetric(), d.maxLabelsPerSeries(),
                d.maxLabelNameBytes(), d.maxLabelValueBytes(), d.seriesIdleTimeout(), d.metadataRefresh());
    }
}
