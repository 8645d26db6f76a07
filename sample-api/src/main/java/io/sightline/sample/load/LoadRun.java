package io.sightline.sample.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one load: {@code connections} platform threads each take the next request index, wait for
 * its due time in the {@link SendSchedule}, stamp a pooled body with the current time, post it
 * and wait for the answer. So at most {@code connections} requests are in flight and the
 * client's HTTP/1.1 pool keeps that many keep-alive connections.
 *
 * <p>The schedule covers the warm-up and then the measured duration. Requests due in the warm-up
 * are sent at the same rate but counted apart, so that neither side's JIT compilation shows up
 * in the measured latencies.
 *
 * <p>Platform threads rather than virtual ones: there are only a handful, and parking them to the
 * due time is more precise. Not reusable: one {@link #run()} per instance.
 */
final class LoadRun {

    private final LoadConfig config;
    private final RequestPool pool;
    private final SendSchedule schedule;
    private final long warmupNanos;
    private final InstantSource wallClock;
    private final PrintStream progressOut;
    private final LoadStats warmupStats = new LoadStats();
    private final LoadStats stats = new LoadStats();
    private final AtomicLong nextIndex = new AtomicLong();
    private final AtomicLong lastCompletion = new AtomicLong();
    private volatile boolean stopped;
    private long start;

    LoadRun(LoadConfig config, RequestPool pool, InstantSource wallClock, PrintStream progressOut) {
        this.config = config;
        this.pool = pool;
        this.wallClock = wallClock;
        this.progressOut = progressOut;
        this.warmupNanos = config.warmup().toNanos();
        this.schedule = new SendSchedule(config.recordsPerSecond(), config.batch(),
                warmupNanos + config.duration().toNanos(), config.maxRequests());
    }

    LoadSummary run() throws InterruptedException {
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            start = System.nanoTime();
            lastCompletion.set(start + warmupNanos);
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < config.connections(); i++) {
                senders.add(Thread.ofPlatform().name("otlp-load-sender-" + i).daemon()
                        .start(() -> send(client)));
            }
            Thread progress = config.progressInterval().isZero() ? null
                    : Thread.ofPlatform().name("otlp-load-progress").daemon().start(this::reportProgress);
            try {
                for (Thread t : senders) {
                    t.join();
                }
            } finally {
                stopped = true;
                senders.forEach(Thread::interrupt);
                if (progress != null) {
                    progress.interrupt();
                    progress.join();
                }
            }
        }
        return summary();
    }

    private void send(HttpClient client) {
        byte[] buffer = new byte[pool.maxBodyBytes()];
        long end = start + schedule.durationNanos();
        HttpRequest.Builder template = HttpRequest.newBuilder(config.logsUri())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/x-protobuf");
        while (!stopped) {
            long index = nextIndex.getAndIncrement();
            if (!schedule.includes(index)) {
                return;
            }
            long due = start + schedule.dueNanos(index);
            if (schedule.paced() && !parkUntil(due)) {
                return;
            }
            long sendAt = System.nanoTime();
            if (sendAt - end >= 0) {
                return; // out of time; requests still due count as not sent
            }
            long measureFrom = schedule.paced() ? due : sendAt;
            boolean warmup = measureFrom - start < warmupNanos;
            LoadStats counts = warmup ? warmupStats : stats;
            int length = pool.stamp(index, buffer, unixNanos(wallClock.instant()));
            HttpRequest request = template.copy()
                    .POST(HttpRequest.BodyPublishers.ofByteArray(buffer, 0, length)).build();
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long done = System.nanoTime();
                counts.response(response.statusCode(), response.body(), pool.recordsPerBody(), done - measureFrom);
                if (!warmup) {
                    lastCompletion.accumulateAndGet(done, Math::max);
                }
            } catch (IOException e) {
                counts.failure(e, pool.recordsPerBody());
                if (!warmup) {
                    lastCompletion.accumulateAndGet(System.nanoTime(), Math::max);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Parks until {@code deadline} (System.nanoTime); false when interrupted or stopped. */
    private boolean parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted() || stopped) {
                return false;
            }
        }
        return true;
    }

    private void reportProgress() {
        long interval = config.progressInterval().toNanos();
        long lastAcked = 0;
        for (long tick = 1; ; tick++) {
            if (!parkUntil(start + tick * interval)) {
                return;
            }
            long elapsed = System.nanoTime() - start;
            long acked = warmupStats.recordsAcknowledged.sum() + stats.recordsAcknowledged.sum();
            long requests = warmupStats.requests.sum() + stats.requests.sum();
            long due = schedule.dueBy(elapsed);
            long behind = due < 0 ? 0 : Math.max(0, due - requests - config.connections());
            LoadStats current = elapsed < warmupNanos ? warmupStats : stats;
            progressOut.printf(Locale.ROOT,
                    "[%4ds]%s requests %d, acknowledged %d records, %.0f records/s now, non-2xx %d,"
                            + " errors %d, behind %d requests, p99 %s over the last %s%n",
                    elapsed / 1_000_000_000L, elapsed < warmupNanos ? " warm-up:" : "", requests, acked,
                    (acked - lastAcked) * 1e9 / interval,
                    warmupStats.nonSuccessResponses() + stats.nonSuccessResponses(),
                    warmupStats.failures() + stats.failures(), behind,
                    p99(current.takeWindow()), shortForm(config.progressInterval()));
            progressOut.flush();
            lastAcked = acked;
        }
    }

    private static String p99(LatencyHistogram window) {
        return window.count() == 0 ? "n/a"
                : String.format(Locale.ROOT, "%.1f ms", window.percentileNanos(99) / 1e6);
    }

    private static String shortForm(Duration d) {
        return d.toMillis() % 1_000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private LoadSummary summary() {
        double elapsedSeconds = Math.max(1, lastCompletion.get() - start - warmupNanos) / 1e9;
        long due = schedule.dueBy(schedule.durationNanos());
        long sent = warmupStats.requests.sum() + stats.requests.sum();
        long notSent = due < 0 ? 0 : Math.max(0, due - sent);
        LatencyHistogram h = stats.latency;
        long acked = stats.recordsAcknowledged.sum();
        return new LoadSummary(config.logsUri().toString(), config.recordsPerSecond(), config.batch(),
                config.connections(), config.services(), elapsedSeconds, stats.requests.sum(),
                stats.recordsSent.sum(), acked, stats.recordsRejected.sum(), stats.recordsFailed.sum(),
                stats.statusCounts(), stats.errorCounts(), notSent, acked / elapsedSeconds,
                h.percentileNanos(50) / 1e6, h.percentileNanos(95) / 1e6, h.percentileNanos(99) / 1e6,
                h.maxNanos() / 1e6, warmupStats.requests.sum(), warmupStats.recordsAcknowledged.sum());
    }

    static long unixNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
