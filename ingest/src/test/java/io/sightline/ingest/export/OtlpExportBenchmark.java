package io.sightline.ingest.export;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.sightline.ingest.Signal;
import io.sightline.ingest.derived.TraceApplyBenchmark;
import io.sightline.ingest.otlp.WalEntries;
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
 * Spans per second through {@link OtlpSignalEncoder}, one thread, batches of {@value #ENTRIES}
 * entries of 100 spans each (the {@code TraceApplyBenchmark} request: 10 services, 8 attributes a
 * span; its trace ids replaced by random ones, fixed seed, so sampling keeps about the ratio), add then drain: {@code passThrough} (no filter: wire count and concatenation),
 * {@code countByParse} (what counting the items by protobuf-java's parse would cost instead, the
 * alternative the wire count was chosen over), {@code filtered} (one service excluded and a 0.5 trace
 * sample ratio: parse, filter, re-serialise). Run as the ingest README says for
 * {@code MetricsIngestBenchmark}, with {@code OtlpExportBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class OtlpExportBenchmark {
    static final int ENTRIES = 50;
    static final int SPANS = ENTRIES * 100;

    private byte[] entry;
    private OtlpSignalEncoder passThrough;
    private OtlpSignalEncoder filtered;

    @Setup(Level.Trial)
    public void setUp() {
        ExportTraceServiceRequest.Builder request = TraceApplyBenchmark.request().toBuilder();
        Random random = new Random(42);
        for (ResourceSpans.Builder resource : request.getResourceSpansBuilderList()) {
            for (ScopeSpans.Builder scope : resource.getScopeSpansBuilderList()) {
                for (int i = 0; i < scope.getSpansCount(); i++) {
                    byte[] traceId = new byte[16];
                    random.nextBytes(traceId);
                    scope.getSpansBuilder(i).setTraceId(ByteString.copyFrom(traceId));
                }
            }
        }
        entry = WalEntries.otlp(request.build());
        passThrough = new OtlpSignalEncoder(Signal.TRACES, ExportFilter.ALL);
        filtered = new OtlpSignalEncoder(Signal.TRACES, new ExportFilter(Set.of(), Set.of("svc-3"), 0.5));
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public List<ExportRequest> passThrough() {
        for (int i = 0; i < ENTRIES; i++) {
            passThrough.add(entry);
        }
        return passThrough.drain();
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public int countByParse() {
        int spans = 0;
        for (int i = 0; i < ENTRIES; i++) {
            ExportTraceServiceRequest parsed = (ExportTraceServiceRequest) WalEntries.decode(Signal.TRACES, entry);
            for (var resource : parsed.getResourceSpansList()) {
                for (var scope : resource.getScopeSpansList()) {
                    spans += scope.getSpansCount();
                }
            }
        }
        return spans;
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public List<ExportRequest> filtered() {
        for (int i = 0; i < ENTRIES; i++) {
            filtered.add(entry);
        }
        return filtered.drain();
    }
}
