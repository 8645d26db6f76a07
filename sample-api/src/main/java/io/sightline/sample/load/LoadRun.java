package io.sightline.sample.load;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
 * <p>In backfill mode ({@link BackfillConfig}) the bodies come from {@link BackfillRequests}
 * instead, each built when it is sent and already stamped; with a {@link RawLogFile}, the records of
 * every 2xx answer are also written there as text lines.
 *
 * <p>Threads, posting and counting are {@link LoadRunner}'s. Not reusable: one {@link #run()} per
 * instance.
 */
final class LoadRun {

    private final LoadConfig config;
    private final RequestPool pool;
    private final BackfillRequests backfill;
    private final RawLogFile rawFile;
    private final SendSchedule schedule;
    private final InstantSource wallClock;
    private final LoadRunner runner;
    private final AtomicLong nextIndex = new AtomicLong();
    private final AtomicReference<UncheckedIOException> rawFailure = new AtomicReference<>();

    LoadRun(LoadConfig config, RequestPool pool, InstantSource wallClock, PrintStream progressOut) {
        this(config, pool, null, null, wallClock, progressOut);
    }

    /** A backfill run: bodies from {@code backfill}, records also to {@code rawFile} when not null. */
    LoadRun(LoadConfig config, BackfillRequests backfill, RawLogFile rawFile, InstantSource wallClock,
            PrintStream progressOut) {
        this(config, null, backfill, rawFile, wallClock, progressOut);
    }

    private LoadRun(LoadConfig config, RequestPool pool, BackfillRequests backfill, RawLogFile rawFile,
            InstantSource wallClock, PrintStream progressOut) {
        this.config = config;
        this.pool = pool;
        this.backfill = backfill;
        this.rawFile = rawFile;
        this.wallClock = wallClock;
        this.runner = new LoadRunner("otlp-load", "records", config.warmup(), config.progressInterval(), progressOut);
        this.schedule = new SendSchedule(config.recordsPerSecond(), config.batch(),
                config.warmup().toNanos() + config.duration().toNanos(), config.maxRequests());
    }

    /** @throws UncheckedIOException when the raw file could not be written (the run stops then) */
    LoadSummary run() throws InterruptedException {
        runner.run(config.connections(), (client, sender) -> {
            if (backfill == null) {
                send(client);
            } else {
                sendBackfill(client);
            }
        }, this::progressDetail);
        if (rawFailure.get() != null) {
            throw rawFailure.get();
        }
        return summary();
    }

    private void sendBackfill(HttpClient client) {
        long start = runner.start();
        long end = start + schedule.durationNanos();
        HttpRequest.Builder template = requestTemplate();
        while (!runner.stopped()) {
            long index = nextIndex.getAndIncrement();
            if (!schedule.includes(index) || index >= backfill.requestCount()) {
                return;
            }
            long due = start + schedule.dueNanos(index);
            if (schedule.paced() && !runner.parkUntil(due)) {
                return;
            }
            ExportLogsServiceRequest message = backfill.request(index);
            long sendAt = System.nanoTime();
            if (sendAt - end >= 0) {
                return;
            }
            HttpRequest request = template.copy()
                    .POST(HttpRequest.BodyPublishers.ofByteArray(message.toByteArray())).build();
            try {
                HttpResponse<byte[]> response = runner.post(client, request, recordCount(message),
                        schedule.paced() ? due : sendAt);
                if (rawFile != null && response != null && response.statusCode() / 100 == 2) {
                    StringBuilder lines = new StringBuilder(recordCount(message) * 300);
                    RawLogLines.append(message, lines);
                    rawFile.write(lines);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (UncheckedIOException e) {
                rawFailure.compareAndSet(null, e);
                runner.stop();
                return;
            }
        }
    }

    private static int recordCount(ExportLogsServiceRequest message) {
        return message.getResourceLogs(0).getScopeLogs(0).getLogRecordsCount();
    }

    private HttpRequest.Builder requestTemplate() {
        return HttpRequest.newBuilder(config.logsUri())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/x-protobuf");
    }

    private void send(HttpClient client) {
        byte[] buffer = new byte[pool.maxBodyBytes()];
        long start = runner.start();
        long end = start + schedule.durationNanos();
        HttpRequest.Builder template = requestTemplate();
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
