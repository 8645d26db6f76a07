package io.sightline.storage.tsdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.sightline.storage.ManualClock;
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
 * Per-thread cost of appending to the head, in samples per second, one scrape of 10,000 series
 * per invocation (15 s apart, counters): {@code appendByRef} is the fast path with cached series
 * references, {@code appendByLabels} looks each series up by its labels. Chunks are cut as usual;
 * no blocks are written (no compact() calls), so the head grows during a run. Compare with the
 * 1 µs per sample budget. Run with {@code bin/bench jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class HeadAppendBenchmark {
    private static final int SERIES = 10_000;

    private Path dir;
    private Tsdb tsdb;
    private Labels[] labels;
    private long[] refs;
    private long time = 1_800_000_000_000L;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("head-append-bench");
        tsdb = Tsdb.open(TsdbConfig.defaults(dir), new ManualClock(Instant.EPOCH));
        labels = new Labels[SERIES];
        refs = new long[SERIES];
        for (int i = 0; i < SERIES; i++) {
            labels[i] = Labels.of("__name__", "http_requests_" + i % 20 + "_total", "instance", "pod-" + i / 20,
                    "code", i % 2 == 0 ? "200" : "500");
            refs[i] = tsdb.seriesRef(labels[i]);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        tsdb.close();
        BlockWriter.deleteTree(dir);
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public void appendByRef() {
        long t = time += 15_000;
        for (int i = 0; i < SERIES; i++) {
            tsdb.append(refs[i], t, (double) (t / 15_000 + i));
        }
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public void appendByLabels() {
        long t = time += 15_000;
        for (int i = 0; i < SERIES; i++) {
            tsdb.append(labels[i], t, (double) (t / 15_000 + i));
        }
    }
}
