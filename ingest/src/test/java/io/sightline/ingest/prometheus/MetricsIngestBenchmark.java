package io.sightline.ingest.prometheus;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.airlift.compress.v3.snappy.SnappyDecompressor;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.otlp.MetricsRequestPath;
import io.sightline.ingest.otlp.OtlpMetricsConfig;
import io.sightline.ingest.otlp.OtlpMetricsMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-thread cost of the metrics receivers' hot path, in samples per second, with 100,000 active
 * series: {@code remoteWrite} is snappy decompression, the wire decoder, admission and the WAL entry
 * encoding of remote_write requests of {@value #SERIES_PER_REQUEST} series with one sample each
 * (Prometheus's default shard batch); {@code otlp} is the OTLP → Prometheus mapping, admission and
 * encoding of already-parsed OTLP requests (counters with three attributes, plus one explicit
 * histogram point per ten counters, 13 samples each); {@code otlpFromBytes} is the whole request
 * path from the serialized request as OtlpIngest runs it (wire check, wire reader, mapping,
 * admission, encoding), {@code otlpFromBytesParsed} the same through protobuf-java's parse and the
 * validator (the path before the wire reader). None includes HTTP or the WAL's write.
 * Every round of requests carries new timestamps, so samples are accepted (not duplicates); after
 * {@value #ROUNDS} rounds admission starts over, so one round in {@value #ROUNDS} also pays for
 * creating series. Run as the ingest README says.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow"})
public class MetricsIngestBenchmark {
    static final int SERIES = 100_000;
    static final int SERIES_PER_REQUEST = 2_000;
    static final int ROUNDS = 8;
    private static final int REQUESTS_PER_ROUND = SERIES / SERIES_PER_REQUEST;
    private static final int OTLP_COUNTERS_PER_REQUEST = 1_000;
    /** 1,000 counter samples + 100 histogram points × 13 samples. */
    static final int OTLP_SAMPLES_PER_REQUEST = OTLP_COUNTERS_PER_REQUEST + 100 * 13;
    private static final String[] METRICS = {"http_requests_total", "http_request_duration_seconds_count",
            "process_cpu_seconds_total", "node_network_receive_bytes_total", "jvm_memory_used_bytes"};
    private static final String[] ROUTES = {"/api/v1/orders/{id}", "/api/v1/payments", "/api/v1/cart", "/healthz"};

    private final List<byte[]> remoteWrite = new ArrayList<>();
    private final List<ExportMetricsServiceRequest> otlp = new ArrayList<>();
    private final List<byte[]> otlpBytes = new ArrayList<>();
    private final MetricsRequestPath otlpPath = new MetricsRequestPath(IngestLimits.defaults());
    private final SnappyDecompressor snappy = new SnappyJavaDecompressor();
    private final RemoteWriteDecoder decoder = new RemoteWriteDecoder();
    private final OtlpMetricsMapper mapper = new OtlpMetricsMapper(OtlpMetricsConfig.defaults(), InstantSource.system());
    private final SampleBatch batch = new SampleBatch();
    private final SampleRejections rejections = new SampleRejections();
    private byte[] decompressed = new byte[1 << 20];
    private SeriesAdmission admission;
    private int nextRemoteWrite;
    private int nextOtlp;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < ROUNDS; round++) {
            long time = 1_767_225_600_000L + round * 15_000L;
            for (int r = 0; r < REQUESTS_PER_ROUND; r++) {
                WriteRequests request = new WriteRequests();
                for (int i = 0; i < SERIES_PER_REQUEST; i++) {
                    int series = r * SERIES_PER_REQUEST + i;
                    request.series("__name__", METRICS[series % METRICS.length], "code", Integer.toString(200 + series % 7),
                                    "instance", "10.0." + (series / 1000 % 256) + "." + (series % 97) + ":8080",
                                    "job", "api-" + (series % 13), "method", series % 3 == 0 ? "POST" : "GET",
                                    "path", ROUTES[series % ROUTES.length], "shard", Integer.toString(series % 1000))
                            .sample(time, random.nextDouble() * 1e6).end();
                }
                remoteWrite.add(request.snappy());
            }
            for (int r = 0; r < SERIES / (OTLP_COUNTERS_PER_REQUEST + 100 * 13); r++) {
                ExportMetricsServiceRequest request = otlpRequest(r, time * 1_000_000L, random);
                otlp.add(request);
                otlpBytes.add(request.toByteArray());
            }
        }
        admission = new SeriesAdmission(AdmissionConfig.defaults(), 0);
    }

    @Benchmark
    @OperationsPerInvocation(SERIES_PER_REQUEST)
    public int remoteWrite() {
        if (nextRemoteWrite == remoteWrite.size()) {
            nextRemoteWrite = 0;
            admission = new SeriesAdmission(AdmissionConfig.defaults(), 0);
        }
        byte[] body = remoteWrite.get(nextRemoteWrite++);
        int length = snappy.decompress(body, 0, body.length, decompressed, 0, decompressed.length);
        rejections.clear();
        decoder.decode(decompressed, length, batch, rejections);
        byte[] entry = admission.admit(batch, rejections, 0);
        return entry.length + (int) rejections.samples();
    }

    @Benchmark
    @OperationsPerInvocation(OTLP_SAMPLES_PER_REQUEST)
    public int otlp() {
        if (nextOtlp == otlp.size()) {
            nextOtlp = 0;
            admission = new SeriesAdmission(AdmissionConfig.defaults(), 0);
        }
        rejections.clear();
        mapper.map(otlp.get(nextOtlp++), batch, rejections);
        byte[] entry = admission.admit(batch, rejections, 0);
        return entry.length + (int) rejections.samples();
    }

    /**
     * The whole OTLP/protobuf request path from the body bytes as OtlpIngest runs it: the wire check,
     * the wire reader's mapping, admission and the WAL entry encoding.
     */
    @Benchmark
    @OperationsPerInvocation(OTLP_SAMPLES_PER_REQUEST)
    public int otlpFromBytes() {
        if (nextOtlp == otlpBytes.size()) {
            nextOtlp = 0;
            admission = new SeriesAdmission(AdmissionConfig.defaults(), 0);
        }
        rejections.clear();
        otlpPath.map(otlpBytes.get(nextOtlp++), mapper, batch, rejections);
        byte[] entry = admission.admit(batch, rejections, 0);
        return entry.length + (int) rejections.samples();
    }

    /**
     * {@link #otlpFromBytes} through the full parse instead of the wire reader (protobuf-java parse,
     * validation, mapping of the message): what every valid request cost before the wire reader, and
     * what OTLP/JSON and requests with rejected points still take.
     */
    @Benchmark
    @OperationsPerInvocation(OTLP_SAMPLES_PER_REQUEST)
    public int otlpFromBytesParsed() {
        if (nextOtlp == otlpBytes.size()) {
            nextOtlp = 0;
            admission = new SeriesAdmission(AdmissionConfig.defaults(), 0);
        }
        rejections.clear();
        mapper.map(otlpPath.decodeAndValidate(otlpBytes.get(nextOtlp++)), batch, rejections);
        byte[] entry = admission.admit(batch, rejections, 0);
        return entry.length + (int) rejections.samples();
    }

    private static ExportMetricsServiceRequest otlpRequest(int r, long timeNanos, SplittableRandom random) {
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
        Sum.Builder counters = Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        for (int i = 0; i < OTLP_COUNTERS_PER_REQUEST; i++) {
            counters.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(timeNanos)
                    .setAsDouble(random.nextDouble() * 1e6)
                    .addAttributes(attribute("http.route", ROUTES[i % ROUTES.length]))
                    .addAttributes(attribute("http.request.method", i % 3 == 0 ? "POST" : "GET"))
                    .addAttributes(attribute("shard", Integer.toString(i))));
        }
        scope.addMetrics(Metric.newBuilder().setName("http.server.requests").setUnit("{request}").setSum(counters));
        Histogram.Builder histogram = Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        for (int i = 0; i < 100; i++) {
            HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().setTimeUnixNano(timeNanos)
                    .addAttributes(attribute("http.route", ROUTES[i % ROUTES.length]))
                    .addAttributes(attribute("shard", Integer.toString(i)))
                    .setCount(100).setSum(12.5);
            for (double bound : new double[] {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}) {
                point.addExplicitBounds(bound).addBucketCounts(10);
            }
            histogram.addDataPoints(point.addBucketCounts(0));
        }
        scope.addMetrics(Metric.newBuilder().setName("http.server.request.duration").setUnit("s").setHistogram(histogram));
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "api-" + r))
                        .addAttributes(attribute("service.instance.id", "pod-" + r)))
                .addScopeMetrics(scope)).build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
