package io.sightline.storage.traces;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import io.sightline.storage.ManualClock;

/**
 * What the trace store costs on realistic spans ({@link RealisticSpans}: 8 spans a trace, ~15
 * attributes a span) spread over one day: appending and writing on the calling thread (CPU µs per
 * span), disk bytes per span after the final commit, trace-by-id latency percentiles, and the time of
 * a Jaeger-style search ({@code service=checkout minDuration=500ms}, limit 20). A measurement, not a
 * test: it asserts nothing. Usage: {@code java -cp ... io.sightline.storage.traces.TraceStoreMeasurement
 * [spans] [lz4|deflate]} (default 1,000,000, LZ4).
 */
public final class TraceStoreMeasurement {
    private TraceStoreMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        long spans = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        boolean best = args.length > 1 && args[1].equals("deflate");
        Instant dayStart = Instant.parse("2026-11-29T00:00:00Z");
        Instant now = Instant.parse("2026-11-29T23:59:00Z");
        Path dir = Files.createTempDirectory("trace-store-measurement");
        // The refresher and committer run only when called: every 60,000 spans (a second at the target rate).
        TraceStoreConfig defaults = TraceStoreConfig.defaults(dir);
        TraceStoreConfig config = new TraceStoreConfig(dir, Duration.ofHours(1), Duration.ofHours(1), defaults.ramBufferMb(),
                defaults.maxBufferedSpans(), Duration.ofDays(7), 0, defaults.indexedSpanAttributes(),
                defaults.indexedResourceAttributes(), defaults.catalogue(), defaults.searchMaxPartsRead(),
                defaults.searchMaxDuration(), best);
        long traces = spans / 8;
        long step = 86_000_000_000_000L / traces / 2;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<String> sampleIds = new ArrayList<>();
        // The generator's own CPU, measured alone and subtracted below.
        RealisticSpans alone = new RealisticSpans(42, Spans.nanos(dayStart), step);
        long[] generated = {0};
        alone.sink(entry -> generated[0] += entry.size());
        long generatorCpu0 = threads.getCurrentThreadCpuTime();
        for (long t = 0; t < traces; t++) {
            alone.nextTrace();
        }
        alone.flush();
        long generatorCpu = threads.getCurrentThreadCpuTime() - generatorCpu0;
        try (LuceneTraceStore store = LuceneTraceStore.open(config, new ManualClock(now))) {
            RealisticSpans generator = new RealisticSpans(42, Spans.nanos(dayStart), step);
            long[] wal = {0};
            long[] sinceRefresh = {0};
            generator.sink(entry -> {
                store.append(++wal[0], entry);
                sinceRefresh[0] += entry.size();
                if (sinceRefresh[0] >= 60_000) {
                    store.refresh();
                    if (wal[0] % 1_000 < 118) {
                        store.commit();
                    }
                    sinceRefresh[0] = 0;
                }
            });
            SplittableRandom pick = new SplittableRandom(7);
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (long t = 0; t < traces; t++) {
                String id = generator.nextTrace();
                if (pick.nextInt((int) Math.max(1, traces / 5_000)) == 0) {
                    sampleIds.add(id);
                }
            }
            generator.flush();
            store.commit();
            store.refresh();
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            long written = store.spansWritten();
            System.out.printf("spans %,d in %,d traces (%s): the store on the appending thread %.2f µs CPU a span"
                            + " (generator's %.2f µs subtracted), %.0f spans/s wall with the generator (merges on other threads)%n",
                    written, traces, best ? "DEFLATE" : "LZ4", (cpu - generatorCpu) / 1e3 / written,
                    generatorCpu / 1e3 / generated[0], written / (wall / 1e9));
            long bytes = store.sizeBytes();
            System.out.printf("disk: %,d bytes, %.1f bytes a span (segments as merged so far)%n", bytes, (double) bytes / written);
            printSegments(dir);

            long[] latencies = new long[Math.min(sampleIds.size(), 5_000)];
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < latencies.length; i++) {
                    long t0 = System.nanoTime();
                    int found = store.trace(sampleIds.get(i), 0, Long.MAX_VALUE).size();
                    latencies[i] = System.nanoTime() - t0;
                    if (found != 8) {
                        System.out.println("trace " + sampleIds.get(i) + " has " + found + " spans");
                    }
                }
            }
            Arrays.sort(latencies);
            System.out.printf("trace by id (%d look-ups, second round): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", latencies.length,
                    latencies[latencies.length / 2] / 1e6, latencies[latencies.length * 99 / 100] / 1e6,
                    latencies[latencies.length - 1] / 1e6);

            TraceSearch slow = Spans.search(dayStart, now).service("checkout")
                    .spanDuration(Duration.ofMillis(500), Duration.ZERO).limit(20).build();
            TraceSearch errors = Spans.search(dayStart, now).service("payments").status(SpanRecord.STATUS_ERROR).limit(20).build();
            TraceSearch unindexed = Spans.search(dayStart, now).attribute(TraceSearch.Scope.SPAN, "db.collection.name", "stock")
                    .limit(20).build();
            TraceSearch traceDuration = Spans.search(dayStart, now).service("frontend")
                    .traceDuration(Duration.ofMillis(300), Duration.ZERO).limit(20).build();
            for (int round = 0; round < 3; round++) {
                time(store, "service=checkout minDuration=500ms", slow);
                time(store, "service=payments status=error", errors);
                time(store, "db.collection.name=stock (not indexed)", unindexed);
                time(store, "service=frontend minTraceDuration=300ms", traceDuration);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void time(LuceneTraceStore store, String what, TraceSearch search) {
        long t0 = System.nanoTime();
        List<TraceSummary> found = store.search(search);
        System.out.printf("search %s: %d traces in %.1f ms%n", what, found.size(), (System.nanoTime() - t0) / 1e6);
    }

    private static void printSegments(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            java.util.Map<String, Long> byExtension = new java.util.TreeMap<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
                byExtension.merge(extension, Files.size(file), Long::sum);
            }
            System.out.println("bytes by file kind: " + byExtension);
        }
    }
}
