package io.sightline.storage.tsdb;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.sightline.storage.ManualClock;

/**
 * Reports the head's heap per active series: N series (default 100,000), each with S samples
 * (default 120: one full chunk) every 15 s. Shape {@code counters} (the default): a service's
 * metrics (50 metric names, 6 labels, 1,000 instances), counters rising by small integers. Shape
 * {@code remote-write}: the mix {@code bin/bench metrics} sends, see {@link RemoteWriteShape}.
 * Heap is measured after full GCs, before and after filling and re-encoding the sealed chunks (the
 * first step of {@code compact()}, which the appliance runs every minute). Run (after
 * {@code mvn -pl storage -am test-compile}):
 * <pre>
 * java -cp storage/target/test-classes:storage/target/classes:$(cat cp.txt) \
 *     io.sightline.storage.tsdb.HeadMemoryMeasurement [series] [samplesPerSeries] [counters|remote-write]
 * </pre>
 * with cp.txt from {@code mvn -pl storage dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class HeadMemoryMeasurement {
    private HeadMemoryMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int seriesCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        String shape = args.length > 2 ? args[2] : "counters";
        if (!shape.equals("counters") && !shape.equals("remote-write")) {
            throw new IllegalArgumentException("shape must be counters or remote-write, was " + shape);
        }
        Path dir = Files.createTempDirectory("head-memory");
        long before = usedHeap();
        Tsdb tsdb = Tsdb.open(TsdbConfig.defaults(dir).withSeriesLimits(0, 0),
                new ManualClock(Instant.parse("2026-11-29T12:00:00Z")));
        SplittableRandom random = new SplittableRandom(1);
        Scrapes scrapes = shape.equals("counters") ? new Counters(seriesCount, random)
                : new RemoteWrite(new RemoteWriteShape(seriesCount, random));
        List<Labels> labels = scrapes.labels();
        long[] refs = new long[labels.size()];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = tsdb.seriesRef(labels.get(i));
        }
        long start = 1_795_000_000_000L;
        long appendNanos = 0;
        for (int s = 0; s < samples; s++) {
            long t = start + s * 15_000L;
            double[] values = scrapes.next();
            long began = System.nanoTime();
            for (int i = 0; i < refs.length; i++) {
                tsdb.append(refs[i], t, values[i]);
            }
            appendNanos += System.nanoTime() - began;
        }
        long reencodeStart = System.nanoTime();
        int reencoded = tsdb.reencodeHeadChunks(); // compact()'s first step; the appliance runs it every minute
        long reencodeNanos = System.nanoTime() - reencodeStart;
        long after = usedHeap();
        System.out.printf("shape=%s series=%d samplesPerSeries=%d heapPerSeries=%.0f bytes appendPerSample=%.0f ns"
                        + " (%d in head; %d sealed chunks re-encoded in %d ms)%n", shape, refs.length, samples,
                (after - before) / (double) refs.length, appendNanos / (double) refs.length / samples,
                tsdb.headSeries(), reencoded, reencodeNanos / 1_000_000);
        tsdb.close();
    }

    /** Series labels and, per call of {@link #next}, one scrape's values in label order. */
    private interface Scrapes {
        List<Labels> labels();

        double[] next();
    }

    /** A service's counters: 50 metric names, 6 labels, 1,000 instances, rising by 0-3 a scrape. */
    private static final class Counters implements Scrapes {
        private final SplittableRandom random;
        private final List<Labels> labels = new ArrayList<>();
        private final double[] values;

        Counters(int seriesCount, SplittableRandom random) {
            this.random = random;
            values = new double[seriesCount];
            String[] codes = {"200", "201", "204", "400", "404", "500"};
            for (int i = 0; i < seriesCount; i++) {
                labels.add(Labels.of("__name__", "http_server_requests_" + (i % 50) + "_total", "job", "shop",
                        "instance", "pod-" + (i / 100 % 1000) + ":8080", "handler", "/api/v1/route" + (i % 37),
                        "code", codes[i % codes.length], "method", i % 3 == 0 ? "POST" : "GET"));
                values[i] = random.nextInt(100_000);
            }
        }

        @Override
        public List<Labels> labels() {
            return labels;
        }

        @Override
        public double[] next() {
            for (int i = 0; i < values.length; i++) {
                values[i] += random.nextInt(4);
            }
            return values;
        }
    }

    private record RemoteWrite(RemoteWriteShape shape) implements Scrapes {
        @Override
        public List<Labels> labels() {
            return shape.labels();
        }

        @Override
        public double[] next() {
            return shape.scrape();
        }
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
