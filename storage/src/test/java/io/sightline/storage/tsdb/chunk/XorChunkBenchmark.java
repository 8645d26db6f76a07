package io.sightline.storage.tsdb.chunk;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sightline.storage.tsdb.SampleIterator;
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
 * Per-thread speed of the Gorilla XOR chunk, in samples per second, on 120-sample chunks shaped
 * like scraped data (15 s interval with ±5 ms jitter; half counters rising by small integers, half
 * gauges with two decimals): {@code encode} appends and seals a chunk, {@code decode} iterates a
 * sealed one. Compare with the head's per-sample append budget (1 µs) and with PromQL's range
 * reads. Run with {@code bin/bench jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class XorChunkBenchmark {
    private static final int SAMPLES = 120;
    private static final int CHUNKS = 64;

    private long[][] times;
    private double[][] values;
    private XorChunk[] chunks;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        times = new long[CHUNKS][SAMPLES];
        values = new double[CHUNKS][SAMPLES];
        chunks = new XorChunk[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            long t = 1_790_000_000_000L + random.nextInt(15_000);
            double v = c % 2 == 0 ? random.nextInt(100_000) : 0;
            for (int i = 0; i < SAMPLES; i++) {
                times[c][i] = t;
                t += 15_000 + random.nextInt(-5, 6);
                if (c % 2 == 0) {
                    v += random.nextInt(4);
                } else {
                    v = Math.round(random.nextDouble(0, 50) * 100) / 100.0;
                }
                values[c][i] = v;
            }
            chunks[c] = encode(c);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public XorChunk encode() {
        return encode(next++ & (CHUNKS - 1));
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public double decode() {
        SampleIterator it = chunks[next++ & (CHUNKS - 1)].iterator();
        double sum = 0;
        while (it.next()) {
            sum += it.value() + it.timestamp();
        }
        return sum;
    }

    private XorChunk encode(int c) {
        XorAppender appender = new XorAppender(SAMPLES);
        long[] t = times[c];
        double[] v = values[c];
        for (int i = 0; i < SAMPLES; i++) {
            appender.append(t[i], v[i]);
        }
        return appender.seal();
    }
}
