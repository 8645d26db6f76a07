package io.sightline.storage.tsdb;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

import io.sightline.storage.ManualClock;

/**
 * Reports the head's heap per active series: N series (default 100,000) shaped like a service's
 * metrics (50 metric names, 6 labels, 1,000 instances), each with S samples (default 120: one full
 * chunk) of a counter rising by small integers every 15 s. Heap is measured after full GCs, before
 * and after filling. Run (after {@code mvn -pl storage -am test-compile}):
 * <pre>
 * java -cp storage/target/test-classes:storage/target/classes:$(cat cp.txt) \
 *     io.sightline.storage.tsdb.HeadMemoryMeasurement [series] [samplesPerSeries]
 * </pre>
 * with cp.txt from {@code mvn -pl storage dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class HeadMemoryMeasurement {
    private HeadMemoryMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int seriesCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        Path dir = Files.createTempDirectory("head-memory");
        long before = usedHeap();
        Tsdb tsdb = Tsdb.open(TsdbConfig.defaults(dir).withSeriesLimits(0, 0),
                new ManualClock(Instant.parse("2026-11-29T12:00:00Z")));
        long[] refs = new long[seriesCount];
        double[] values = new double[seriesCount];
        SplittableRandom random = new SplittableRandom(1);
        String[] codes = {"200", "201", "204", "400", "404", "500"};
        for (int i = 0; i < seriesCount; i++) {
            Labels labels = Labels.of("__name__", "http_server_requests_" + (i % 50) + "_total", "job", "shop",
                    "instance", "pod-" + (i / 100 % 1000) + ":8080", "handler", "/api/v1/route" + (i % 37),
                    "code", codes[i % codes.length], "method", i % 3 == 0 ? "POST" : "GET");
            refs[i] = tsdb.seriesRef(labels);
            values[i] = random.nextInt(100_000);
        }
        long start = 1_795_000_000_000L;
        long appendNanos = 0;
        for (int s = 0; s < samples; s++) {
            long t = start + s * 15_000L;
            long began = System.nanoTime();
            for (int i = 0; i < seriesCount; i++) {
                values[i] += random.nextInt(4);
                tsdb.append(refs[i], t, values[i]);
            }
            appendNanos += System.nanoTime() - began;
        }
        long after = usedHeap();
        System.out.printf("series=%d samplesPerSeries=%d heapPerSeries=%.0f bytes appendPerSample=%.0f ns (%d in head)%n",
                seriesCount, samples, (after - before) / (double) seriesCount,
                appendNanos / (double) seriesCount / samples, tsdb.headSeries());
        tsdb.close();
    }

    private static long usedHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
