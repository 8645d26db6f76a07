package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.sightline.ingest.otlp.OtlpMetricsConfig;
import io.sightline.ingest.otlp.OtlpMetricsMapper;
import io.sightline.ingest.prometheus.LabelBlock;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleEntries;
import io.sightline.ingest.prometheus.SampleEntryWriter;
import io.sightline.ingest.prometheus.SampleRejections;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.Sample;
import org.junit.jupiter.api.Test;

/**
 * Seeded random batches (odd values: NaN payloads, ±Inf, -0, stale markers; non-ASCII label values;
 * counters and gauges) through both encoders and back through Sightline's own receivers' decoding:
 * every sample comes back with its series' labels, time and value bits. Replay with -Dtests.seed=.
 */
class EncoderRandomRoundTripTest {
    private static final double[] ODD_VALUES = {Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L),
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0, Double.MIN_VALUE, Double.MAX_VALUE,
            Sample.STALE_NAN};
    private static final String[] VALUES = {"a", "checkout", "grüße", "日本", "x y", "/api/v1/{id}", "200", "\"q\""};

    @Test
    void remoteWriteAndOtlpGiveEverySampleBack() throws InvalidProtocolBufferException {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("EncoderRandomRoundTripTest seed: -Dtests.seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        List<Labels> pool = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            Labels.Builder labels = Labels.builder().set("__name__", s % 3 == 0 ? "m" + s % 5 + "_total" : "g" + s % 4);
            if (random.nextInt(4) > 0) {
                labels.set("job", random.nextBoolean() ? "ns/svc" + s % 3 : "svc" + s % 3);
            }
            if (random.nextBoolean()) {
                labels.set("instance", "host-" + s % 6 + ":9090");
            }
            for (int l = random.nextInt(4); l > 0; l--) {
                labels.set("label" + random.nextInt(6), VALUES[random.nextInt(VALUES.length)] + s);
            }
            pool.add(labels.build());
        }
        Labels external = Labels.of("cluster", "c1", "label3", "external");
        RemoteWriteEncoder remoteWrite = new RemoteWriteEncoder(1 + random.nextInt(5), external, ExportFilter.ALL, true);
        OtlpMetricsEncoder otlp = new OtlpMetricsEncoder(ExportFilter.ALL);
        List<String> sent = new ArrayList<>();
        List<String> sentWithExternal = new ArrayList<>();
        for (int e = 0; e < 6; e++) {
            TestEntries entry = new TestEntries();
            for (int n = random.nextInt(1, 30); n > 0; n--) {
                Labels series = pool.get(random.nextInt(pool.size()));
                entry.series(flat(series));
                for (int i = random.nextInt(1, 4); i > 0; i--) {
                    long time = 1_700_000_000_000L + random.nextLong(100_000_000_000L);
                    double value = random.nextInt(4) == 0 ? ODD_VALUES[random.nextInt(ODD_VALUES.length)]
                            : random.nextDouble(-1e12, 1e12);
                    entry.sample(time, value);
                    sent.add(line(series, time, value));
                    Labels.Builder withExternal = series.toBuilder();
                    external.forEach((name, v) -> {
                        if (!series.has(name)) {
                            withExternal.set(name, v);
                        }
                    });
                    sentWithExternal.add(line(withExternal.build(), time, value));
                }
            }
            for (int f = 0; f < 5; f++) {
                entry.metadata("m" + f + "_total", random.nextInt(3) > 0 ? "counter" : "gauge", "", "");
            }
            byte[] bytes = entry.entry();
            remoteWrite.add(bytes);
            otlp.add(bytes);
        }

        List<String> remoteWriteBack = new ArrayList<>();
        for (ExportRequest request : remoteWrite.drain()) {
            remoteWriteBack.addAll(lines(RemoteWriteEncoderTest.decode(request.bytes())));
        }
        assertThat(remoteWriteBack).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(sentWithExternal);

        SampleBatch received = new SampleBatch();
        new OtlpMetricsMapper(OtlpMetricsConfig.defaults(), InstantSource.system()).map(
                ExportMetricsServiceRequest.parseFrom(otlp.drain().getFirst().body()), received, new SampleRejections());
        assertThat(lines(received)).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(sent);
    }

    private static String[] flat(Labels labels) {
        String[] flat = new String[labels.size() * 2];
        for (int i = 0; i < labels.size(); i++) {
            flat[2 * i] = labels.name(i);
            flat[2 * i + 1] = labels.value(i);
        }
        return flat;
    }

    private static String line(Labels labels, long time, double value) {
        return labels + " " + time + "=" + Long.toHexString(Double.doubleToRawLongBits(value));
    }

    private static List<String> lines(SampleBatch batch) {
        List<String> lines = new ArrayList<>();
        SampleEntries.read(new SampleEntryWriter().encode(batch), new SampleEntries.Visitor() {
            private Labels series;

            @Override
            public void series(byte[] entry, int offset, int length) {
                series = LabelBlock.toLabels(entry, offset, length);
            }

            @Override
            public void sample(long timestampMs, double value) {
                lines.add(line(series, timestampMs, value));
            }

            @Override
            public void exemplar(byte[] entry, int offset, int length, double value, long timestampMs) {
            }

            @Override
            public void metadata(MetricMetadata metadata) {
            }
        });
        return lines;
    }
}
