package io.sightline.ingest.derived;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.sightline.ingest.Signal;
import io.sightline.ingest.otlp.OtlpSpanMapper;
import io.sightline.ingest.otlp.WalEntries;
import io.sightline.ingest.prometheus.AdmissionConfig;
import io.sightline.ingest.prometheus.SampleWriter;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.wal.WalConfig;
import io.sightline.storage.wal.WriteAheadLog;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-span cost of the traces applier's own work, in microseconds per span, on requests of
 * {@value #SPANS} spans (10 services, client/server pairs, 8 span attributes, an event on one span
 * in ten, 6 resource attributes): {@code decodeAndMap} is the WAL entry's protobuf parse plus
 * {@link OtlpSpanMapper}; {@code mapParsed} the mapping alone; {@code derive} the span metrics and
 * service graph for already-mapped spans (no flush: the interval is a day); {@code all} the three in
 * a row, i.e. everything but the trace store. Run as the ingest README says for
 * {@code MetricsIngestBenchmark}, with {@code TraceApplyBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"})
public class TraceApplyBenchmark {
    static final int SPANS = 100;
    private static final int SERVICES = 10;

    private byte[] entry;
    private ExportTraceServiceRequest parsed;
    private List<SpanRecord> mapped;
    private Path directory;
    private WriteAheadLog wal;
    private DerivedMetrics derived;

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    public static ExportTraceServiceRequest request() {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        int perService = SPANS / SERVICES;
        for (int s = 0; s < SERVICES; s++) {
            ScopeSpans.Builder scope = ScopeSpans.newBuilder();
            for (int i = 0; i < perService; i++) {
                int n = s * perService + i;
                boolean client = n % 2 == 0;
                byte[] trace = new byte[16];
                trace[0] = 1;
                trace[15] = (byte) (n / 2);
                byte[] id = new byte[8];
                id[0] = 2;
                id[7] = (byte) n;
                byte[] parent = new byte[8];
                parent[0] = 2;
                parent[7] = (byte) (client ? 200 : n - 1);
                Span.Builder span = Span.newBuilder().setTraceId(ByteString.copyFrom(trace))
                        .setSpanId(ByteString.copyFrom(id)).setParentSpanId(ByteString.copyFrom(parent))
                        .setName("GET /api/v1/resource/" + (n % 20) + "/{id}")
                        .setKind(client ? Span.SpanKind.SPAN_KIND_CLIENT : Span.SpanKind.SPAN_KIND_SERVER)
                        .setStartTimeUnixNano(1_700_000_000_000_000_000L + n * 1_000_000L)
                        .setEndTimeUnixNano(1_700_000_000_000_000_000L + n * 1_000_000L + (n % 7 + 1) * 3_000_000L)
                        .setStatus(Status.newBuilder().setCode(n % 13 == 0 ? Status.StatusCode.STATUS_CODE_ERROR
                                : Status.StatusCode.STATUS_CODE_UNSET))
                        .addAttributes(string("http.request.method", "GET"))
                        .addAttributes(string("http.route", "/api/v1/resource/{id}"))
                        .addAttributes(integer("http.response.status_code", 200))
                        .addAttributes(string("server.address", "svc-" + ((s + 1) % SERVICES)))
                        .addAttributes(integer("server.port", 8080))
                        .addAttributes(string("url.path", "/api/v1/resource/" + n))
                        .addAttributes(string("network.protocol.version", "1.1"))
                        .addAttributes(string("user_agent.original", "okhttp/4.12.0"));
                if (n % 10 == 0) {
                    span.addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(1)
                            .addAttributes(string("exception.type", "java.io.IOException"))
                            .addAttributes(string("exception.message", "connection reset")));
                }
                scope.addSpans(span);
            }
            request.addResourceSpans(ResourceSpans.newBuilder().setResource(Resource.newBuilder()
                            .addAttributes(string("service.name", "svc-" + s))
                            .addAttributes(string("service.instance.id", "pod-" + s + "-abc"))
                            .addAttributes(string("host.name", "node-1"))
                            .addAttributes(string("telemetry.sdk.language", "java"))
                            .addAttributes(string("telemetry.sdk.name", "opentelemetry"))
                            .addAttributes(string("k8s.pod.name", "svc-" + s + "-7d4b9")))
                    .addScopeSpans(scope));
        }
        return request.build();
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        parsed = request();
        entry = WalEntries.otlp(parsed);
        mapped = OtlpSpanMapper.map(parsed);
        directory = Files.createTempDirectory("trace-apply-bench");
        wal = WriteAheadLog.open("metrics", WalConfig.defaults(directory), InstantSource.system());
        DerivedMetricsConfig day = new DerivedMetricsConfig(Duration.ofDays(1), 5_000,
                DerivedMetricsConfig.DEFAULT_SPAN_METRICS_BUCKETS, 10_000, Duration.ofSeconds(10), 2_000,
                DerivedMetricsConfig.DEFAULT_SERVICE_GRAPH_BUCKETS);
        derived = new DerivedMetrics(day, new SampleWriter(wal, AdmissionConfig.defaults(), InstantSource.system()),
                InstantSource.system(), new DerivedMetrics.Listener() { });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        wal.close();
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public List<SpanRecord> decodeAndMap() {
        return OtlpSpanMapper.map((ExportTraceServiceRequest) WalEntries.decode(Signal.TRACES, entry));
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public List<SpanRecord> mapParsed() {
        return OtlpSpanMapper.map(parsed);
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public int derive() {
        derived.observe(mapped);
        return derived.pendingEdges();
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public int all() {
        derived.observe(OtlpSpanMapper.map((ExportTraceServiceRequest) WalEntries.decode(Signal.TRACES, entry)));
        return derived.pendingEdges();
    }
}
