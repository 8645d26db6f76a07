package io.sightline.sample.load;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>Threads, posting and counting are {@link LoadRunner}'s. Not reusable: one {@link #run()} per
 * instance.
 */
final class LoadRun {

    private final LoadConfig config;
    private final RequestPool pool;
    private final SendSchedule schedule;
    private final InstantSource wallClock;
    private final LoadRunner runner;
    private final AtomicLong nextIndex = new AtomicLong();

    LoadRun(LoadConfig config, RequestPool pool, InstantSource wallClock, PrintStream progressOut) {
        this.config = config;
        this.pool = pool;
        this.wallClock = wallClock;
        this.runner = new LoadRunner("otlp-load", "records", config.warmup(), config.progressInterval(), progressOut);
        this.schedule = new SendSchedule(config.recordsPerSecond(), config.batch(),
                config.warmup().toNanos() + config.duration().toNanos(), config.maxRequests());
    }

    LoadSummary run() throws InterruptedException {
        runner.run(config.connections(), (client, sender) -> send(client), this::progressDetail);
        return summary();
    }

    private void send(HttpClient client) {
        byte[] buffer = new byte[pool.maxBodyBytes()];
        long start = runner.start();
        long end = start + schedule.durationNanos();
        HttpRequest.Builder template = HttpRequest.newBuilder(config.logsUri())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/x-protobuf");
        while (!runner.stopped()) {
            long index = nextIndex.getAndIncrement();
            if (!schedule.includes(index)) {
                return;
            }
            long due = start + schedule.dueNanos(index);
            if (schedule.paced() && !runner.parkUntil(due)) {
                return;
            }
            long sendAt = System.nanoTime();
            if (sendAt - end >= 0) {
                return; // out of time; requests still due count as not sent
            }
            long measureFrom = schedule.paced() ? due : sendAt;
            int length = pool.stamp(index, buffer, unixNanos(wallClock.instant()));
            HttpRequest request = template.copy()
                    .POST(HttpRequest.BodyPublishers.ofByteArray(buffer, 0, length)).build();
            try {
                runner.post(client, request, pool.recordsPerBody(), measureFrom);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String progressDetail(long elapsedNanos, long requests, String p99) {
        long due = schedule.dueBy(elapsedNanos);
        long behind = due < 0 ? 0 : Math.max(0, due - requests - config.connections());
        return "behind " + behind + " requests, p99 " + p99 + " over the last " + shortForm(config.progressInterval());
    }

    private static String shortForm(Duration d) {
        return d.toMillis() % 1_000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private LoadSummary summary() {
        double elapsedSeconds = runner.elapsedSeconds();
        long due = schedule.dueBy(schedule.durationNanos());
        long notSent = due < 0 ? 0 : Math.max(0, due - runner.requestsSent());
        LoadStats stats = runner.stats;
        LoadStats warmupStats = runner.warmupStats;
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
