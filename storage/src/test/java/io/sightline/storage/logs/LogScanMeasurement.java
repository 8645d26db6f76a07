package io.sightline.storage.logs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.sightline.storage.ManualClock;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/**
 * How fast a metric query over logs reads the store: {@code count_over_time({service_name="x"}[1m])}
 * as the query module would run it (a sample scan, counts per stream and minute), against the same
 * scan with a line filter, which must read and verify stored records. Prints records per second.
 * Usage: {@code java -cp ... io.sightline.storage.logs.LogScanMeasurement [records]} (default 500,000
 * over one day, 5 services x 4 levels x 10 hosts).
 */
public final class LogScanMeasurement {
    private LogScanMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        Instant now = Instant.parse("2026-11-29T23:00:00Z");
        long dayStart = Instant.parse("2026-11-29T00:00:00Z").getEpochSecond() * 1_000_000_000L;
        Path dir = Files.createTempDirectory("log-scan-measurement");
        LogStoreConfig config = new LogStoreConfig(dir, Duration.ofHours(1), Duration.ofHours(1), 2, 128, Duration.ofDays(7), 0);
        try (LuceneLogStore store = LuceneLogStore.open(config, new ManualClock(now))) {
            SplittableRandom random = new SplittableRandom(7);
            long started = System.nanoTime();
            for (int wal = 0; wal * 1000 < records; wal++) {
                List<LogRecord> entry = new ArrayList<>(1000);
                Map<String, Object> resource = Map.of("host.name", "node-" + random.nextInt(10));
                for (int i = 0; i < 1000; i++) {
                    long time = dayStart + (long) ((wal * 1000L + i) * (82_800_000_000_000.0 / records));
                    int severity = new int[] {5, 9, 13, 17}[random.nextInt(4)];
                    entry.add(new LogRecord(time, time, severity, "", "GET /api/v1/orders/" + random.nextInt(100_000)
                            + " 200 " + random.nextInt(500) + "ms", "service-" + random.nextInt(5), resource, "", "",
                            Map.of(), "", "", 0));
                }
                store.append(wal, entry);
            }
            store.commit();
            store.refresh();
            System.out.printf("indexed %,d records in %.1f s%n", records, (System.nanoTime() - started) / 1e9);
            List<LabelMatcher> oneService = List.of(LabelMatcher.equal("service_name", "service-1"));
            for (int round = 0; round < 5; round++) {
                measure(store, "samples, {service_name=\"service-1\"}", new LogScan(dayStart, dayStart + 86_400_000_000_000L,
                        oneService, List.of(), LogScan.Direction.FORWARD, 0, Duration.ofMinutes(1)));
                measure(store, "samples, every stream", new LogScan(dayStart, dayStart + 86_400_000_000_000L,
                        List.of(), List.of(), LogScan.Direction.FORWARD, 0, Duration.ofMinutes(1)));
                measure(store, "samples, {service_name=\"service-1\"} |= \"orders/42\"", new LogScan(dayStart,
                        dayStart + 86_400_000_000_000L, oneService, List.of(LineFilter.contains("orders/42")),
                        LogScan.Direction.FORWARD, 0, Duration.ofMinutes(1)));
                measure(store, "samples, {service_name=\"service-1\"} != \"orders/42\"", new LogScan(dayStart,
                        dayStart + 86_400_000_000_000L, oneService, List.of(LineFilter.notContains("orders/42")),
                        LogScan.Direction.FORWARD, 0, Duration.ofMinutes(1)));
            }
        }
    }

    private static void measure(LuceneLogStore store, String what, LogScan scan) {
        Map<Labels, long[]> perMinute = new HashMap<>();
        long started = System.nanoTime();
        LogScanStats stats = store.scanSamples(scan, (stream, time, bytes) -> {
            perMinute.computeIfAbsent(stream, s -> new long[1440])[(int) ((time / 60_000_000_000L) % 1440)]++;
            return true;
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%-55s %,9d matched, %,9d read, %7.1f ms, %,12.0f records/s (%d streams)%n", what,
                stats.matched(), stats.recordsRead(), seconds * 1e3, stats.matched() / seconds, perMinute.size());
    }
}
