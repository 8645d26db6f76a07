package io.sightline.storage.tsdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

import io.sightline.storage.ManualClock;

/**
 * Reports the TSDB's bytes on disk per sample after compaction, for one of two data shapes: N
 * series (default 2,000) scraped every 15 s (with ±2 ms jitter on a third of them) for H hours
 * (default 48). Shape {@code mixed} (the default): half counters rising by small integers, half
 * gauges taking one of a few two-decimal values. Shape {@code remote-write}: the mix
 * {@code bin/bench metrics} sends, see {@link RemoteWriteShape}. Bytes are every block file (chunks,
 * index, meta) of the blocks fully compacted. Run (after {@code mvn -pl storage -am test-compile}):
 * <pre>
 * java -cp storage/target/test-classes:storage/target/classes:$(cat cp.txt) \
 *     io.sightline.storage.tsdb.DiskUsageMeasurement [series] [hours] [mixed|remote-write]
 * </pre>
 */
public final class DiskUsageMeasurement {
    private static final long START = 1_800_000_000_000L;

    private DiskUsageMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int seriesCount = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 48;
        String shape = args.length > 2 ? args[2] : "mixed";
        if (!shape.equals("mixed") && !shape.equals("remote-write")) {
            throw new IllegalArgumentException("shape must be mixed or remote-write, was " + shape);
        }
        Path dir = Files.createTempDirectory("tsdb-disk");
        SplittableRandom random = new SplittableRandom(3);
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(1_800_000_000_000L));
        try (Tsdb tsdb = Tsdb.open(TsdbConfig.defaults(dir).withSeriesLimits(0, 0), clock)) {
            if (shape.equals("remote-write")) {
                appendRemoteWrite(tsdb, seriesCount, hours, random);
            } else {
                appendMixed(tsdb, seriesCount, hours, random);
            }
            report(tsdb);
        }
        BlockWriter.deleteTree(dir);
    }

    private static void appendRemoteWrite(Tsdb tsdb, int seriesCount, int hours, SplittableRandom random) {
        RemoteWriteShape data = new RemoteWriteShape(seriesCount, random);
        long[] refs = data.labels().stream().mapToLong(tsdb::seriesRef).toArray();
        long start = START;
        for (long t = start; t < start + hours * 3_600_000L; t += 15_000) {
            double[] values = data.scrape();
            for (int i = 0; i < refs.length; i++) {
                long jitter = i % 3 == 0 ? random.nextInt(-2, 3) : 0;
                tsdb.append(refs[i], t + jitter, values[i]);
            }
            if ((t - start) % 3_600_000L == 0) {
                tsdb.compact();
            }
        }
        tsdb.compact();
    }

    private static void appendMixed(Tsdb tsdb, int seriesCount, int hours, SplittableRandom random) {
        long[] refs = new long[seriesCount];
        double[] values = new double[seriesCount];
        double[][] gaugeLevels = new double[seriesCount][];
        for (int i = 0; i < seriesCount; i++) {
            boolean counter = i % 2 == 0;
            refs[i] = tsdb.seriesRef(Labels.of("__name__", counter ? "requests_total" : "queue_depth_ratio",
                    "instance", "pod-" + i / 20, "route", "/r" + i % 20));
            values[i] = counter ? random.nextInt(1_000_000) : 0;
            gaugeLevels[i] = new double[]{0.25, 0.5, Math.round(random.nextDouble() * 100) / 100.0, 1.75};
        }
        long start = START;
        for (long t = start; t < start + hours * 3_600_000L; t += 15_000) {
            for (int i = 0; i < seriesCount; i++) {
                long jitter = i % 3 == 0 ? random.nextInt(-2, 3) : 0;
                if (i % 2 == 0) {
                    values[i] += random.nextInt(4);
                } else if (random.nextInt(10) == 0) {
                    values[i] = gaugeLevels[i][random.nextInt(4)];
                }
                tsdb.append(refs[i], t + jitter, values[i]);
            }
            if ((t - start) % 3_600_000L == 0) {
                tsdb.compact();
            }
        }
        tsdb.compact();
    }

    private static void report(Tsdb tsdb) {
        long bytes = 0;
        long samples = 0;
        long lastCompacted = 0;
        long cutBytes = 0;
        long cutSamples = 0;
        for (Tsdb.BlockInfo block : tsdb.blocks()) {
            if (block.level() == 1) {
                cutBytes += block.sizeBytes();
                cutSamples += block.samples();
            } else {
                bytes += block.sizeBytes();
                samples += block.samples();
                lastCompacted = block.maxTime();
            }
            System.out.printf("block %s level %d: %d samples, %d bytes, %.3f bytes/sample%n", block.id(),
                    block.level(), block.samples(), block.sizeBytes(), block.sizeBytes() / (double) block.samples());
        }
        System.out.printf("compacted blocks: %d samples, %d bytes, %.3f bytes/sample (up to %d)%n", samples, bytes,
                bytes / (double) samples, lastCompacted);
        if (cutSamples > 0) {
            System.out.printf("2 h blocks cut from the head: %d samples, %d bytes, %.3f bytes/sample%n", cutSamples,
                    cutBytes, cutBytes / (double) cutSamples);
        }
    }
}
