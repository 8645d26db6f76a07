package io.sightline.query.promql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Tsdb;
import io.sightline.storage.tsdb.TsdbConfig;

/**
 * The instant queries of {@code bin/bench rules} (issue 7's figure: 1,000 rules over 10,000 series
 * every 15 s), evaluated as the rule evaluator does: one query at "now" against the TSDB head, where
 * {@code [5m]} windows lie near the end of the open chunk. One job's 10 targets of the bench load's
 * shape (30 request counters and 5 histograms of 11 buckets per target, 15 s scrapes, 2 h of history
 * whose newest chunk is still open), each call 15 s after the one before. Run with
 * {@code mvn -pl query -am test-compile}, then {@code java -cp <query test-classes, classes, storage
 * classes, test classpath> org.openjdk.jmh.Main RuleQueryBenchmark} (as {@link PromqlBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleQueryBenchmark {
    private static final long SCRAPE_MS = 15_000;
    /** The newest chunk, from 1.5 h, stays open (119 samples): "now" is in it, as for a live head. */
    private static final long END_MS = 2 * 3_600_000 - 2 * SCRAPE_MS;
    private static final long OPEN_CHUNK_START_MS = 5_400_000;
    private static final int ROUNDS = (int) ((END_MS - OPEN_CHUNK_START_MS) / SCRAPE_MS);
    private static final String[] PATHS = {"/api/v1/orders", "/api/v1/users", "/api/v1/cart", "/api/v1/search", "/healthz"};
    private static final String[] LE = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "+Inf"};
    private static final String JOB = "checkout";

    @Param({"sum by (job, path) (rate(http_requests_total{job=\"checkout\"}[5m]))",
            "histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket{job=\"checkout\"}[5m])))"})
    public String query;

    private final PromqlEngine engine = new PromqlEngine(EngineConfig.defaults());
    private Tsdb store;
    private Path directory;
    private int round;

    @Setup
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("rule-query-bench-tsdb");
        store = Tsdb.open(TsdbConfig.defaults(directory), InstantSource.fixed(Instant.EPOCH));
        SplittableRandom random = new SplittableRandom(7);
        for (long t = 0; t <= END_MS; t += SCRAPE_MS) {
            for (int target = 0; target < 10; target++) {
                String instance = "10.0.0." + (target + 1) + ":8080";
                long jitter = random.nextInt(20) - 10;
                for (int path = 0; path < PATHS.length; path++) {
                    for (String method : new String[] {"GET", "POST"}) {
                        for (String status : new String[] {"200", "404", "500"}) {
                            Labels labels = Labels.of("__name__", "http_requests_total", "instance", instance, "job",
                                    JOB, "method", method, "path", PATHS[path], "status", status);
                            store.append(labels, t + jitter, t / SCRAPE_MS * (status.equals("200") ? 40 : 2));
                        }
                    }
                    double cumulative = 0;
                    for (String le : LE) {
                        cumulative += random.nextInt(10);
                        store.append(Labels.of("__name__", "http_request_duration_seconds_bucket", "instance",
                                instance, "job", JOB, "le", le, "path", PATHS[path]), t + jitter,
                                t / SCRAPE_MS * 10 + cumulative);
                    }
                }
            }
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        store.close();
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * One evaluation, each a scrape interval after the last, as a rule group's, over the open chunk's
     * half hour, then from its start again: every position of the window in the open chunk comes up
     * in turn, and for the first 5 minutes it reaches into the newest sealed chunk.
     */
    @Benchmark
    public QueryResult nextRound() {
        long timeMs = OPEN_CHUNK_START_MS + (round + 1) * SCRAPE_MS;
        round = (round + 1) % ROUNDS;
        return engine.instantQuery(store, query, timeMs);
    }
}
