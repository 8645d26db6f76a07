package io.sightline.ingest.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.Sample;
import org.junit.jupiter.api.Test;

class SeriesAdmissionTest {
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private SeriesAdmission admission = new SeriesAdmission(AdmissionConfig.defaults(), 0);
    private final SampleRejections rejections = new SampleRejections();

    @Test
    void rejectsOutOfOrderAndConflictingDuplicatesIgnoresExactDuplicates() {
        assertThat(admit(batch().series("http_requests_total", "job", "a").sample(T0, 1).sample(T0 + 1000, 2)))
                .containsExactly("http_requests_total{job=\"a\"} " + T0 + "=1.0",
                        "http_requests_total{job=\"a\"} " + (T0 + 1000) + "=2.0");

        assertThat(admit(batch().series("http_requests_total", "job", "a")
                .sample(T0 + 500, 9)      // older than the newest accepted: rejected
                .sample(T0 + 1000, 2)     // same time, same value: ignored
                .sample(T0 + 1000, 3)     // same time, another value: rejected
                .sample(T0 + 2000, 4)))
                .containsExactly("http_requests_total{job=\"a\"} " + (T0 + 2000) + "=4.0");
        assertThat(rejections.byReason()).containsEntry(SampleRejections.OUT_OF_ORDER, 1L)
                .containsEntry(SampleRejections.DUPLICATE_TIMESTAMP, 1L).hasSize(2);
        assertThat(rejections.message()).isEqualTo(
                "out of order sample for series http_requests_total{job=\"a\"} at 2026-01-01T00:00:00.500Z: newest "
                        + "accepted is 2026-01-01T00:00:01Z; duplicate sample for series http_requests_total{job=\"a\"} "
                        + "at 2026-01-01T00:00:01Z: value 3.0 differs from the accepted 2.0");
        assertThat(admission.acceptedSamples()).isEqualTo(1);
    }

    @Test
    void staleMarkersAreNotDuplicatesOfOtherNaNs() {
        admit(batch().series("up").sample(T0, Double.NaN));
        assertThat(admit(batch().series("up").sample(T0, Double.NaN))).isEmpty();
        assertThat(rejections.samples()).isZero();
        admit(batch().series("up").sample(T0, Sample.STALE_NAN));
        assertThat(rejections.byReason()).containsEntry(SampleRejections.DUPLICATE_TIMESTAMP, 1L);
    }

    @Test
    void outOfOrderWindowAcceptsRecentOlderSamples() {
        admission = new SeriesAdmission(RemoteWriteDecoderTest.windowed(Duration.ofMinutes(5)), 0);
        admit(batch().series("up").sample(T0, 1));
        assertThat(admit(batch().series("up").sample(T0 - 300_000, 2).sample(T0 - 300_001, 3)))
                .containsExactly("up{} " + (T0 - 300_000) + "=2.0");
        assertThat(rejections.message()).contains("(metrics.out-of-order-window is PT5M)");
    }

    @Test
    void enforcesLabelAndSeriesLimits() {
        AdmissionConfig d = AdmissionConfig.defaults();
        admission = new SeriesAdmission(new AdmissionConfig(Duration.ZERO, 3, 2, 3, 10, 5,
                d.seriesIdleTimeout(), d.metadataRefresh()), 0);
        admit(batch().series("a", "x", "1").sample(T0, 1)
                .series("a", "x", "2").sample(T0, 1)
                .series("a", "x", "3").sample(T0, 1)          // third series of metric a
                .series("b", "long_label_name", "v").sample(T0, 1)
                .series("b", "x", "too-long").sample(T0, 1)
                .series("b", "x", "1", "y", "2", "z", "3").sample(T0, 1)
                .series("b").sample(T0, 1)
                .series("c").sample(T0, 1));                 // fourth series in all
        assertThat(rejections.byReason()).containsEntry(SampleRejections.TOO_MANY_SERIES_PER_METRIC, 1L)
                .containsEntry(SampleRejections.LABEL_LIMIT, 3L)
                .containsEntry(SampleRejections.TOO_MANY_SERIES, 1L);
        assertThat(rejections.message()).startsWith("series a{x=\"3\"} rejected: too many series of metric a: "
                + "limit is 2 (metrics.max-series-per-metric); series b{long_label_name=\"v\"} rejected: label name "
                + "'long_label_name' is 15 bytes, limit is 10 (metrics.max-label-name-bytes)");
        assertThat(admission.seriesCount()).isEqualTo(3);
    }

    @Test
    void idleSeriesAreForgottenAndFreeTheirPlace() {
        AdmissionConfig d = AdmissionConfig.defaults();
        admission = new SeriesAdmission(new AdmissionConfig(Duration.ZERO, 1, 1, 64, 100, 100,
                Duration.ofMinutes(4), d.metadataRefresh()), 0);
        admit(batch().series("a").sample(T0, 1));
        admit(batch().series("b").sample(T0, 1));
        assertThat(rejections.byReason()).containsKey(SampleRejections.TOO_MANY_SERIES);
        rejections.clear();
        assertThat(admission.admit(batch().series("b").sample(T0, 1).batch, rejections,
                Duration.ofMinutes(5).toMillis())).isNotNull();
        assertThat(rejections.samples()).isZero();
        assertThat(admission.seriesCount()).isEqualTo(1);
    }

    @Test
    void metadataIsWrittenWhenNewChangedOrDue() {
        MetricMetadata up = new MetricMetadata("up", "gauge", "Whether the target is up", "");
        SampleBatch first = batch().batch;
        first.metadata(up);
        assertThat(RecordedEntry.of(admission.admit(first, rejections, 0)).metadata()).containsExactly(up);
        assertThat(admission.admit(first, rejections, 1000)).isNull();
        assertThat(RecordedEntry.of(admission.admit(first, rejections, Duration.ofMinutes(10).toMillis()))
                .metadata()).containsExactly(up);
    }

    private java.util.List<String> admit(Builder builder) {
        rejections.clear();
        byte[] entry = admission.admit(builder.batch, rejections, 0);
        return entry == null ? java.util.List.of() : RecordedEntry.of(entry).samples();
    }

    private static Builder batch() {
        return new Builder();
    }

    /** Series with labels in name order as given (metric name first). */
    static final class Builder {
        final SampleBatch batch = new SampleBatch();

        Builder series(String metric, String... labels) {
            batch.beginSeries(batch.seriesCount());
            java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
            sorted.put("__name__", metric);
            for (int i = 0; i < labels.length; i += 2) {
                sorted.put(labels[i], labels[i + 1]);
            }
            sorted.forEach(batch::label);
            return this;
        }

        Builder sample(long t, double v) {
            batch.sample(t, v);
            return this;
        }
    }
}
