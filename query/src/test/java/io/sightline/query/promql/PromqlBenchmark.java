package io.sightline.query.promql;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import io.sightline.storage.tsdb.Tsdb;
import io.sightline.storage.tsdb.TsdbConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of the two typical dashboard queries, as range queries over 1h at a 15s step (241 steps)
 * on 1,000 series scraped every 15s, in the real TSDB head (Gorilla chunks decoded per query): {@code sumRate} is
 * {@code sum by (job) (rate(http_requests_total[5m]))} over 1,000 counters in 10 jobs,
 * {@code histogramQuantile} is {@code histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))} over
 * 100 histograms of 10 buckets. Compare with Prometheus's own engine on the same shape (its
 * {@code BenchmarkRangeQuery}); chunk decoding is part of both figures. Run with
 * {@code mvn -pl query -am test-compile}, then {@code java -cp <query test-classes, classes, storage
 * classes, test classpath> org.openjdk.jmh.Main PromqlBenchmark} (bin/bench jmh runs storage's only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PromqlBenchmark {
    private static final long SCRAPE_MS = 15_000;
    private static final long START_MS = 3_600_000;
    private static final long END_MS = 2 * 3_600_000;
    private static final String[] LE = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};

    private final PromqlEngine engine = new PromqlEngine(EngineConfig.defaults());
    private Tsdb store;
    private Path directory;

    @Setup
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("promql-bench-tsdb");
        store = Tsdb.open(TsdbConfig.defaults(directory), InstantSource.fixed(Instant.EPOCH));
        load(store);
    }

    @TearDown
    public void tearDown() throws IOException {
        store.close();
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    static void load(Tsdb store) {
        SplittableRandom random = new SplittableRandom(42);
        for (int s = 0; s < 1000; s++) {
            io.sightline.storage.tsdb.Labels labels = io.sightline.storage.tsdb.Labels.of("__name__",
                    "http_requests_total", "job", "job-" + (s % 10), "instance", "i-" + s);
            double v = 0;
            for (long t = 0; t <= END_MS; t += SCRAPE_MS) {
                v += random.nextInt(100);
                store.append(labels, t, v);
            }
        }
        for (int h = 0; h < 100; h++) {
            double[] counts = new double[LE.length];
            for (long t = 0; t <= END_MS; t += SCRAPE_MS) {
                double c = 0;
                for (int b = 0; b < LE.length; b++) {
                    c += random.nextInt(20);
                    counts[b] += c;
                    store.append(io.sightline.storage.tsdb.Labels.of("__name__", "h_bucket", "instance", "i-" + h,
                            "le", LE[b]), t, counts[b]);
                }
            }
        }
    }

    @Benchmark
    public QueryResult sumRate() {
        return engine.rangeQuery(store, "sum by (job) (rate(http_requests_total[5m]))", START_MS, END_MS, SCRAPE_MS);
    }

    @Benchmark
    public QueryResult histogramQuantile() {
        return engine.rangeQuery(store, "histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))", START_MS, END_MS,
                SCRAPE_MS);
    }
}
