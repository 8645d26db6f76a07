package io.sightline.ingest.export;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sightline.storage.tsdb.Labels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-thread cost of the metrics exporters' encoding, in samples per second: a batch of
 * {@value #ENTRIES} WAL entries of {@value #SERIES_PER_ENTRY} series with one sample each (as a
 * remote_write receiver writes them; {@value #ENTRIES} × {@value #SERIES_PER_ENTRY} distinct series,
 * five labels plus the name) added and drained: {@code remoteWrite} into 4 shards with one external
 * label, {@code otlp} into one OTLP request. Compression and sending are not included. Run as the
 * ingest README says, with {@code ExportEncodeBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow"})
public class ExportEncodeBenchmark {
    static final int ENTRIES = 5;
    static final int SERIES_PER_ENTRY = 2_000;
    private static final String[] METRICS = {"http_requests_total", "http_request_duration_seconds_bucket",
            "process_cpu_seconds_total", "node_network_receive_bytes_total", "jvm_memory_used_bytes"};
    private static final String[] ROUTES = {"/api/v1/orders/{id}", "/api/v1/payments", "/api/v1/cart", "/healthz"};

    private final List<byte[]> entries = new ArrayList<>();
    private final RemoteWriteEncoder remoteWrite = new RemoteWriteEncoder(4, Labels.of("cluster", "eu-west-1"),
            ExportFilter.ALL, true);
    private final OtlpMetricsEncoder otlp = new OtlpMetricsEncoder(ExportFilter.ALL);

    @Setup
    public void setUp() {
        long t = 1_767_225_600_000L;
        for (int e = 0; e < ENTRIES; e++) {
            TestEntries entry = new TestEntries();
            for (int s = 0; s < SERIES_PER_ENTRY; s++) {
                int n = e * SERIES_PER_ENTRY + s;
                entry.series("__name__", METRICS[n % METRICS.length], "job", "shop/checkout", "instance",
                        "pod-" + n / 100, "method", n % 2 == 0 ? "GET" : "POST", "route", ROUTES[n % ROUTES.length],
                        "code", Integer.toString(200 + n % 7)).sample(t + n, n * 0.25);
            }
            entries.add(entry.metadata(METRICS[e], "counter", "Help of " + METRICS[e] + ".", "").entry());
        }
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES * SERIES_PER_ENTRY)
    public List<ExportRequest> remoteWrite() {
        for (byte[] entry : entries) {
            remoteWrite.add(entry);
        }
        return remoteWrite.drain();
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES * SERIES_PER_ENTRY)
    public List<ExportRequest> otlp() {
        for (byte[] entry : entries) {
            otlp.add(entry);
        }
        return otlp.drain();
    }
}
