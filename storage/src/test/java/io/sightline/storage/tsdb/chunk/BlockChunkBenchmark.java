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
 * Per-thread speed of persisted-block chunks, in samples per second, on 480-sample chunks (the
 * compacted size) of integer data: counters rising by 0–3 and histogram buckets gaining 0–60 a
 * scrape, 15 s apart with ±2 ms jitter on a third. {@code decodeXor} and {@code decodeInt} iterate
 * the same samples as a {@link XorChunk} and as an {@link IntChunk} (queries over blocks); {@code
 * encodeBlockChunk} is what block writing spends per sample ({@link BlockChunkEncoder} encodes both
 * and keeps the smaller). Run with {@code bin/bench jmh} or JMH's main with
 * {@code BlockChunkBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class BlockChunkBenchmark {
    private static final int SAMPLES = 480;
    private static final int CHUNKS = 32;

    private long[][] times;
    private double[][] values;
    private XorChunk[] xorChunks;
    private IntChunk[] intChunks;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        times = new long[CHUNKS][SAMPLES];
        values = new double[CHUNKS][SAMPLES];
        xorChunks = new XorChunk[CHUNKS];
        intChunks = new IntChunk[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            long t = 1_790_000_000_000L + random.nextInt(15_000);
            double v = random.nextInt(100_000);
            int step = c % 2 == 0 ? 4 : 61;
            for (int i = 0; i < SAMPLES; i++) {
                times[c][i] = t + (c % 3 == 0 ? random.nextInt(-2, 3) : 0);
                t += 15_000;
                v += random.nextInt(step);
                values[c][i] = v;
            }
            XorAppender appender = new XorAppender(SAMPLES);
            for (int i = 0; i < SAMPLES; i++) {
                appender.append(times[c][i], values[c][i]);
            }
            xorChunks[c] = appender.seal();
            intChunks[c] = IntChunkEncoder.encode(times[c], values[c], SAMPLES);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public double decodeXor() {
        return sum(xorChunks[next++ & (CHUNKS - 1)].iterator());
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public double decodeInt() {
        return sum(intChunks[next++ & (CHUNKS - 1)].iterator());
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public Chunk encodeBlockChunk() {
        int c = next++ & (CHUNKS - 1);
        return BlockChunkEncoder.encode(times[c], values[c], SAMPLES);
    }

    private static double sum(SampleIterator it) {
        double sum = 0;
        while (it.next()) {
            sum += it.value() + it.timestamp();
        }
        return sum;
    }
}
