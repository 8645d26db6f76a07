package io.sightline.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.Signal;
import io.sightline.ingest.Transport;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleRejections;
import org.junit.jupiter.api.Test;

/**
 * The OTLP/protobuf metrics fast path ({@link MetricsWireCheck} + {@link MetricsWireReader}) against
 * the full path (protobuf-java parse, {@link OtlpValidator}, mapping of the message): for random
 * requests (some re-encoded with shuffled fields and packing, some corrupted) and hand-made edge
 * cases, both give the same batch, sample rejections, validation outcome and error message. Seeded;
 * replay with {@code -Dtests.seed=}.
 */
class MetricsWireEquivalenceTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void randomRequestsMapAsTheFullParseDoes() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("MetricsWireEquivalenceTest seed: -Dtests.seed=" + seed);
        for (OtlpMetricsConfig config : List.of(OtlpMetricsConfig.defaults(), new OtlpMetricsConfig(
                List.of("host", "region", "service.name"), true, 0, 12, OtlpMetricsConfig.DEFAULT_DELTA_IDLE_TIMEOUT))) {
            SplittableRandom random = new SplittableRandom(seed);
            RandomMetricsRequests requests = new RandomMetricsRequests(random);
            Paths paths = new Paths(config, RandomMetricsRequests.LIMITS);
            int wire = 0;
            int n = 3_000;
            for (int i = 0; i < n; i++) {
                ExportMetricsServiceRequest request = requests.next();
                byte[] body = random.nextInt(3) == 0 ? ShuffledEncoding.encode(request, random) : request.toByteArray();
                if (random.nextInt(15) == 0) {
                    body = corrupt(body, random);
                }
                wire += paths.compare(body, "seed " + seed + " request " + i) ? 1 : 0;
            }
            System.out.println("MetricsWireEquivalenceTest: " + wire + " of " + n + " requests mapped from the wire");
            // The fast path must carry many requests, or this test proves little.
            assertThat(wire).as("requests mapped from the wire").isGreaterThan(n / 3);
        }
    }

    @Test
    void edgeCasesMapAsTheFullParseDoes() {
        Paths paths = new Paths(OtlpMetricsConfig.defaults(), IngestLimits.defaults());
        byte[] gauge = request(Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(1).setTimeUnixNano(5_000_000)))).toByteArray();
        byte[] sum = request(Metric.newBuilder().setName("s").setSum(Sum.newBuilder().setIsMonotonic(true)
                .addDataPoints(NumberDataPoint.newBuilder().setAsInt(2).setTimeUnixNano(5_000_000)))).toByteArray();
        List<byte[]> cases = new ArrayList<>(List.of(
                new byte[0],
                gauge,
                sum,
                concat(gauge, sum), // two resources
                ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.getDefaultInstance())
                        .build().toByteArray(),
                Arrays.copyOf(gauge, gauge.length - 1), // truncated
                concat(gauge, new byte[] {(byte) 0x80}), // a varint that never ends
                concat(gauge, new byte[] {0x0b, 0x0c}), // an unknown group
                concat(gauge, new byte[] {0x02, 0x00}), // field number 0
                concat(gauge, new byte[] {(byte) 0xc2, 0x3e, 0x00}), // unknown field 1000, empty
                new byte[] {0x09, 1, 2, 3, 4, 5, 6, 7, 8})); // resource_metrics with a fixed64 wire type
        // One metric whose data is sent as a gauge and then as a sum (the sum wins), and a metric
        // sent in two halves (protobuf merges them): the fast path leaves both to the full parse.
        Metric gaugeMetric = Metric.newBuilder().setName("m").setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(1))).build();
        Metric sumMetric = Metric.newBuilder().setSum(Sum.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(2))).build();
        cases.add(request(concat(gaugeMetric.toByteArray(), sumMetric.toByteArray())));
        cases.add(request(concat(gaugeMetric.toByteArray(), gaugeMetric.toByteArray())));
        // A metric name of invalid UTF-8.
        cases.add(request(new byte[] {0x0a, 0x02, (byte) 0xc3, 0x28}));
        // A packed explicit_bounds of 7 bytes.
        cases.add(request(concat(new byte[] {0x0a, 0x01, 'h', 0x4a, 0x0d, 0x0a, 0x0b, 0x3a, 0x07},
                new byte[7], new byte[0])));
        for (int i = 0; i < cases.size(); i++) {
            paths.compare(cases.get(i), "edge case " + i);
        }
    }

    /** The full path and the fast path on one body; true when the fast path took it. */
    private static final class Paths {
        private final IngestLimits limits;
        private final OtlpValidator validator;
        private final OtlpMetricsMapper fullMapper;
        private final OtlpMetricsMapper wireMapper;

        Paths(OtlpMetricsConfig config, IngestLimits limits) {
            this.limits = limits;
            this.validator = new OtlpValidator(limits);
            this.fullMapper = new OtlpMetricsMapper(config, CLOCK);
            this.wireMapper = new OtlpMetricsMapper(config, CLOCK);
        }

        boolean compare(byte[] body, String what) {
            SampleBatch fullBatch = new SampleBatch();
            SampleRejections fullRejections = new SampleRejections();
            String fullError = null;
            Validated full = null;
            try {
                full = validator.metrics((ExportMetricsServiceRequest) OtlpIngest.decode(Signal.METRICS,
                        Transport.HTTP_PROTOBUF, body));
                fullMapper.map((ExportMetricsServiceRequest) full.accepted(), fullBatch, fullRejections);
            } catch (InvalidRequestException e) {
                fullError = e.getMessage();
            }
            SampleBatch wireBatch = new SampleBatch();
            SampleRejections wireRejections = new SampleRejections();
            String wireError = null;
            Validated fast = null;
            try {
                fast = OtlpIngest.validatedMetrics(body, limits, validator);
                OtlpIngest.mapMetrics(fast, wireMapper, wireBatch, wireRejections);
            } catch (InvalidRequestException e) {
                wireError = e.getMessage();
            }
            String at = what + ": " + HexFormat.of().formatHex(body);
            assertThat(wireError).as(at).isEqualTo(fullError);
            if (fullError != null) {
                assertThat(fullError).as(at).startsWith("invalid protobuf");
                return false;
            }
            assertThat(fast.items()).as(at).isEqualTo(full.items());
            assertThat(fast.rejections().count()).as(at).isEqualTo(full.rejections().count());
            assertThat(fast.rejections().message()).as(at).isEqualTo(full.rejections().message());
            assertThat(fast.rejections().byReason()).as(at).isEqualTo(full.rejections().byReason());
            assertThat(describe(wireBatch)).as(at).isEqualTo(describe(fullBatch));
            assertThat(wireRejections.items()).as(at).isEqualTo(fullRejections.items());
            assertThat(wireRejections.message()).as(at).isEqualTo(fullRejections.message());
            assertThat(wireRejections.byReason()).as(at).isEqualTo(fullRejections.byReason());
            return fast.wire() != null;
        }
    }

    /** Everything a batch holds, values by their bits. */
    static String describe(SampleBatch batch) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int s = 0; s < batch.seriesCount(); s++) {
            out.append(hex.formatHex(batch.labelArray(), batch.labelStart(s), batch.labelEnd(s)))
                    .append(" point ").append(batch.origin(s)).append(':');
            for (int i = batch.sampleStart(s); i < batch.sampleEnd(s); i++) {
                out.append(' ').append(batch.timestamp(i)).append('=')
                        .append(Long.toHexString(Double.doubleToRawLongBits(batch.value(i))));
            }
            for (int e = batch.exemplarStart(s); e < batch.exemplarEnd(s); e++) {
                out.append(" ex ").append(hex.formatHex(batch.exemplarLabelArray(), batch.exemplarLabelStart(e),
                                batch.exemplarLabelEnd(e)))
                        .append(' ').append(batch.exemplarTimestamp(e)).append('=')
                        .append(Long.toHexString(Double.doubleToRawLongBits(batch.exemplarValue(e))));
            }
            out.append('\n');
        }
        out.append(batch.metadata());
        return out.toString();
    }

    private static ExportMetricsServiceRequest request(Metric.Builder metric) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                        .addAttributes(TestRequests.string("service.name", "checkout")))
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric))).build();
    }

    /** A request of one resource and scope around one metric's raw bytes. */
    private static byte[] request(byte[] metric) {
        byte[] scope = concat(new byte[] {0x12}, varint(metric.length), metric);
        byte[] resource = concat(new byte[] {0x12}, varint(scope.length), scope);
        return concat(new byte[] {0x0a}, varint(resource.length), resource);
    }

    private static byte[] varint(int value) {
        byte[] out = new byte[5];
        int n = 0;
        while ((value & ~0x7f) != 0) {
            out[n++] = (byte) (value & 0x7f | 0x80);
            value >>>= 7;
        }
        out[n++] = (byte) value;
        return Arrays.copyOf(out, n);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static byte[] corrupt(byte[] body, SplittableRandom random) {
        if (body.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        byte[] copy = body.clone();
        switch (random.nextInt(3)) {
            case 0 -> copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            case 1 -> copy = Arrays.copyOf(copy, random.nextInt(copy.length));
            default -> copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }
}
