package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.ingest.prometheus.ByteBuilder;
import io.sightline.ingest.prometheus.RecordedEntry;
import io.sightline.ingest.prometheus.RemoteWriteDecoder;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleEntries;
import io.sightline.ingest.prometheus.SampleEntryWriter;
import io.sightline.ingest.prometheus.SampleRejections;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.Sample;
import org.junit.jupiter.api.Test;

class RemoteWriteEncoderTest {
    private static final long T = 1_767_225_600_000L;

    @Test
    void roundTripsThroughTheRemoteWriteDecoderWithExternalLabels() {
        RemoteWriteEncoder encoder = new RemoteWriteEncoder(1, Labels.of("cluster", "eu-1", "a_region", "west"),
                ExportFilter.ALL, true);
        assertThat(encoder.add(new TestEntries()
                .series("__name__", "http_requests_total", "job", "shop/checkout", "code", "200").sample(T, 1)
                .exemplar(Labels.of("trace_id", "0af7651916cd43dd8448eb211c80319c"), 1, T - 5)
                .series("__name__", "up", "job", "shop/checkout", "cluster", "own").sample(T, 1)
                .metadata("http_requests_total", "counter", "Requests.", "")
                .entry())).isEqualTo(2);
        assertThat(encoder.add(new TestEntries()
                .series("__name__", "http_requests_total", "job", "shop/checkout", "code", "200").sample(T + 15_000, 3)
                .series("__name__", "up", "job", "shop/checkout", "cluster", "own").sample(T + 15_000, Sample.STALE_NAN)
                .metadata("up", "gauge", "", "")
                .entry())).isEqualTo(2);
        assertThat(encoder.pendingItems()).isEqualTo(4);

        List<ExportRequest> requests = encoder.drain();

        assertThat(requests).hasSize(1);
        assertThat(requests.getFirst().items()).isEqualTo(4);
        SampleBatch batch = decode(requests.getFirst().bytes());
        RecordedEntry decoded = RecordedEntry.of(new SampleEntryWriter().encode(batch));
        // one TimeSeries per series and entry, in WAL order (as Prometheus sends one per sample)
        assertThat(decoded.samples()).containsExactly(
                "http_requests_total{a_region=\"west\", cluster=\"eu-1\", code=\"200\", job=\"shop/checkout\"} " + T + "=1.0",
                "up{a_region=\"west\", cluster=\"own\", job=\"shop/checkout\"} " + T + "=1.0",
                "http_requests_total{a_region=\"west\", cluster=\"eu-1\", code=\"200\", job=\"shop/checkout\"} "
                        + (T + 15_000) + "=3.0",
                "up{a_region=\"west\", cluster=\"own\", job=\"shop/checkout\"} " + (T + 15_000) + "=NaN");
        assertThat(Double.doubleToRawLongBits(batch.value(3))).isEqualTo(Sample.STALE_NAN_BITS);
        assertThat(decoded.exemplars()).containsExactly("http_requests_total{a_region=\"west\", cluster=\"eu-1\", "
                + "code=\"200\", job=\"shop/checkout\"} {trace_id=\"0af7651916cd43dd8448eb211c80319c\"} " + (T - 5) + "=1.0");
        assertThat(decoded.metadata()).containsExactly(new MetricMetadata("http_requests_total", "counter", "Requests.", ""),
                new MetricMetadata("up", "gauge", "", ""));
        assertThat(encoder.pendingItems()).isZero();
        assertThat(encoder.pendingBytes()).isZero();
        assertThat(encoder.drain()).isEmpty();
    }

    @Test
    void aSeriesStaysInOneShardAcrossBatchesWithItsSamplesInOrder() {
        RemoteWriteEncoder encoder = new RemoteWriteEncoder(4, Labels.EMPTY, ExportFilter.ALL, false);
        Map<String, Integer> shardOf = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int entry = 0; entry < 2; entry++) {
                TestEntries entries = new TestEntries();
                for (int s = 0; s < 100; s++) {
                    entries.series("__name__", "m", "i", Integer.toString(s)).sample(T + round * 10 + entry, s)
                            .sample(T + round * 10 + entry + 1, s);
                }
                encoder.add(entries.entry());
            }
            List<ExportRequest> requests = encoder.drain();
            assertThat(requests).hasSizeGreaterThan(1).hasSizeLessThanOrEqualTo(4);
            assertThat(requests.stream().mapToInt(ExportRequest::items).sum()).isEqualTo(400);
            for (int shard = 0; shard < requests.size(); shard++) {
                SampleBatch batch = decode(requests.get(shard).bytes());
                assertThat(batch.sampleCount()).isEqualTo(requests.get(shard).items());
                Map<String, List<Long>> times = new LinkedHashMap<>();
                for (int s = 0; s < batch.seriesCount(); s++) {
                    String series = seriesOf(batch, s);
                    Integer first = shardOf.putIfAbsent(series, shard);
                    assertThat(first == null ? shard : first).as(series).isEqualTo(shard);
                    for (int i = batch.sampleStart(s); i < batch.sampleEnd(s); i++) {
                        times.computeIfAbsent(series, k -> new ArrayList<>()).add(batch.timestamp(i));
                    }
                }
                long base = T + round * 10;
                times.forEach((series, seen) -> assertThat(seen).as(series).containsExactly(base, base + 1, base + 1, base + 2));
            }
        }
        assertThat(shardOf).hasSize(100);
    }

    @Test
    void aBatchIsSplitOverTheShardsOnlyWhenTheExporterAsks() {
        RemoteWriteEncoder encoder = new RemoteWriteEncoder(4, Labels.EMPTY, ExportFilter.ALL, false);
        assertThat(hundredSeries(encoder).drain()).as("split by default: a first batch may be a backlog").hasSizeGreaterThan(1);

        encoder.splitNextBatch(false);
        List<ExportRequest> whole = hundredSeries(encoder).drain();
        assertThat(whole).hasSize(1);
        assertThat(whole.getFirst().items()).isEqualTo(100);
        SampleBatch batch = decode(whole.getFirst().bytes());
        for (int s = 0; s < 100; s++) {
            assertThat(seriesOf(batch, s)).contains("i=\"" + s + "\"");
        }

        hundredSeries(encoder);
        encoder.splitNextBatch(true); // with a batch pending: from the next one on
        assertThat(encoder.drain()).hasSize(1);
        assertThat(hundredSeries(encoder).drain()).hasSizeGreaterThan(1);
    }

    private static RemoteWriteEncoder hundredSeries(RemoteWriteEncoder encoder) {
        TestEntries entries = new TestEntries();
        for (int s = 0; s < 100; s++) {
            entries.series("__name__", "m", "i", Integer.toString(s)).sample(T, s);
        }
        encoder.add(entries.entry());
        return encoder;
    }

    @Test
    void filtersByTheServicePartOfJob() {
        ExportFilter filter = new ExportFilter(Set.of("checkout", ""), Set.of("excluded"), 1.0);
        RemoteWriteEncoder encoder = new RemoteWriteEncoder(1, Labels.EMPTY, filter, false);
        byte[] entry = new TestEntries()
                .series("__name__", "a", "job", "shop/checkout").sample(T, 1)
                .series("__name__", "b", "job", "checkout").sample(T, 2)
                .series("__name__", "c", "job", "cart").sample(T, 3)
                .series("__name__", "d").sample(T, 4)
                .series("__name__", "e", "job", "shop/excluded").sample(T, 5)
                .exemplar(Labels.of("x", "y"), 1, T)
                .entry();
        for (int batch = 0; batch < 2; batch++) { // the second batch takes the remembered decisions
            assertThat(encoder.add(entry)).isEqualTo(3);
            RecordedEntry decoded = RecordedEntry.of(new SampleEntryWriter().encode(decode(encoder.drain().getFirst().bytes())));
            assertThat(decoded.samples()).containsExactly("a{job=\"shop/checkout\"} " + T + "=1.0",
                    "b{job=\"checkout\"} " + T + "=2.0", "d{} " + T + "=4.0");
            assertThat(decoded.exemplars()).isEmpty();
        }
    }

    @Test
    void aCorruptEntryLeavesNothingPending() {
        RemoteWriteEncoder encoder = new RemoteWriteEncoder(2, Labels.of("cluster", "c"), ExportFilter.ALL, true);
        encoder.add(new TestEntries().series("__name__", "good").sample(T, 1).entry());
        long bytes = encoder.pendingBytes();
        byte[] flipped = new TestEntries().series("__name__", "bad").sample(T, 1).entry();
        flipped[8] ^= 1;
        assertThatThrownBy(() -> encoder.add(flipped)).isInstanceOf(CorruptEntryException.class);
        // Checksum intact, but the second series claims more samples than the entry holds: the first
        // series has been visited when the reader fails.
        assertThatThrownBy(() -> encoder.add(lyingEntry())).isInstanceOf(CorruptEntryException.class)
                .hasMessageContaining("ends inside a value");
        assertThat(encoder.pendingItems()).isEqualTo(1);
        assertThat(encoder.pendingBytes()).isEqualTo(bytes);
        List<ExportRequest> requests = encoder.drain();
        assertThat(requests).hasSize(1);
        assertThat(RecordedEntry.of(new SampleEntryWriter().encode(decode(requests.getFirst().bytes()))).samples())
                .containsExactly("good{cluster=\"c\"} " + T + "=1.0");
    }

    @Test
    void pendingBytesAreTheRequestSizes() {
        RemoteWriteEncoder encoder = new RemoteWriteEncoder(3, Labels.of("cluster", "c"), ExportFilter.ALL, true);
        for (int e = 0; e < 5; e++) {
            TestEntries entries = new TestEntries();
            for (int s = 0; s < 50; s++) {
                entries.series("__name__", "m" + s % 7, "job", "svc", "i", Integer.toString(s)).sample(T + e, s * 0.5);
            }
            encoder.add(entries.metadata("m1", "gauge", "Help.", "seconds").entry());
        }
        long pending = encoder.pendingBytes();
        assertThat(encoder.drain().stream().mapToLong(ExportRequest::length).sum()).isEqualTo(pending);
    }

    @Test
    void eachTimeSeriesGetsTheShortestLengthPrefixWhateverItsSize() {
        RemoteWriteEncoder encoder = new RemoteWriteEncoder(1, Labels.EMPTY, ExportFilter.ALL, false);
        String medium = "m".repeat(150);
        String large = "l".repeat(20_000);
        encoder.add(new TestEntries()
                .series("__name__", "short").sample(T, 1)
                .series("__name__", "no_samples")
                .series("__name__", "medium", "v", medium).sample(T, 2)
                .series("__name__", "large", "v", large).sample(T, 3).sample(T + 1, 4)
                .entry());

        byte[] body = encoder.drain().getFirst().bytes();

        // WriteRequest.timeseries: tag, then the TimeSeries' length as a minimal varint (1, 2, 3 bytes)
        int position = 0;
        List<Integer> prefixBytes = new ArrayList<>();
        while (position < body.length) {
            assertThat(body[position]).isEqualTo((byte) 0x0A);
            int length = 0;
            int bytes = 0;
            byte b;
            do {
                b = body[position + 1 + bytes];
                length |= (b & 0x7F) << (7 * bytes);
                bytes++;
            } while (b < 0);
            assertThat(length).as("minimal varint").isGreaterThanOrEqualTo(bytes == 1 ? 0 : 1 << (7 * (bytes - 1)));
            prefixBytes.add(bytes);
            position += 1 + bytes + length;
        }
        assertThat(position).isEqualTo(body.length);
        assertThat(prefixBytes).containsExactly(1, 2, 3);
        assertThat(RecordedEntry.of(new SampleEntryWriter().encode(decode(body))).samples()).containsExactly(
                "short{} " + T + "=1.0", "medium{v=\"" + medium + "\"} " + T + "=2.0",
                "large{v=\"" + large + "\"} " + T + "=3.0", "large{v=\"" + large + "\"} " + (T + 1) + "=4.0");
    }

    @Test
    void refusesNoShards() {
        assertThatThrownBy(() -> new RemoteWriteEncoder(0, Labels.EMPTY, ExportFilter.ALL, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static SampleBatch decode(byte[] body) {
        SampleBatch batch = new SampleBatch();
        SampleRejections rejections = new SampleRejections();
        new RemoteWriteDecoder().decode(body, body.length, batch, rejections);
        assertThat(batch.seriesCount()).as("series the decoder kept").isPositive();
        return batch;
    }

    private static String seriesOf(SampleBatch batch, int s) {
        int start = batch.labelStart(s);
        return io.sightline.ingest.prometheus.LabelBlock.toLabels(batch.labelArray(), start, batch.labelEnd(s) - start)
                .toString();
    }

    /** Two series; the second says 5 samples but holds 1; the checksum is right. */
    private static byte[] lyingEntry() {
        ByteBuilder out = new ByteBuilder(64);
        out.writeByte(SampleEntries.FORMAT);
        out.writeByte(SampleEntries.VERSION);
        out.writeFixed32(2);
        for (int samples : new int[] {1, 5}) {
            ByteBuilder block = new ByteBuilder(16);
            block.writeString("__name__");
            block.writeString("lie" + samples);
            out.writeVarint(block.size());
            out.write(block.array(), 0, block.size());
            out.writeVarint(samples);
            out.writeZigZag(T);
            out.writeDouble(1);
            if (samples == 1) {
                out.writeVarint(0);
            }
        }
        out.writeVarint(0);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.size());
        out.writeFixed32((int) crc.getValue());
        return out.toByteArray();
    }
}
