package io.sightline.sample.load;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one span load: {@code connections} platform threads each take the next request index,
 * wait for its due time in the {@link SendSchedule}, stamp a pooled {@link SpanBody} (new ids from
 * the index, new times) into their buffer, post it and wait for the answer, as {@link LoadRun}
 * does for logs.
 *
 * <p>Times: live, each trace ends at the send time (an SDK exports a span once it has ended).
 * With a backfill span, request {@code i} holds the run's spans {@code i·batch} to
 * {@code (i+1)·batch - 1} and each trace starts at its first span's place in the
 * {@link BackfillPlan}, so the traces fill the span evenly, oldest first.
 *
 * <p>Threads, posting and counting are {@link LoadRunner}'s. Not reusable: one {@link #run()} per
 * instance.
 */
final class SpanLoadRun {

    private final SpanLoadConfig config;
    private final LoadConfig load;
    private final SpanRequestPool pool;
    private final BackfillPlan plan;
    private final TraceIdFile traceIds;
    private final SendSchedule schedule;
    private final InstantSource wallClock;
    private final LoadRunner runner;
    private final AtomicLong nextIndex = new AtomicLong();
    private final AtomicLong tracesAcknowledged = new AtomicLong();
    private final AtomicReference<RuntimeException> senderFailure = new AtomicReference<>();

    /**
     * @param plan where backfill spans go in time; null = live (stamped with the send time)
     * @param traceIds where acknowledged trace ids go; null = nowhere
     */
    SpanLoadRun(SpanLoadConfig config, SpanRequestPool pool, BackfillPlan plan, TraceIdFile traceIds,
            InstantSource wallClock, PrintStream progressOut) {
        this.config = config;
        this.load = config.load();
        this.pool = pool;
        this.plan = plan;
        this.traceIds = traceIds;
        this.wallClock = wallClock;
        this.runner = new LoadRunner("span-load", "spans", load.warmup(), load.progressInterval(), progressOut);
        this.schedule = new SendSchedule(load.recordsPerSecond(), load.batch(),
                load.warmup().toNanos() + load.duration().toNanos(), load.maxRequests());
    }

    /** @throws UncheckedIOException when the trace id file could not be written (the run stops then) */
    SpanLoadSummary run() throws InterruptedException {
        runner.run(load.connections(), (client, sender) -> send(client), this::progressDetail);
        if (senderFailure.get() != null) {
            throw senderFailure.get();
        }
        return summary();
    }

    private void send(HttpClient client) {
        byte[] buffer = new byte[pool.maxBodyBytes()];
        long[] starts = new long[load.batch()];
        long start = runner.start();
        long end = start + schedule.durationNanos();
        HttpRequest.Builder template = HttpRequest.newBuilder(config.uri())
                .timeout(load.requestTimeout())
                .header("Content-Type", config.format() == SpanBody.Format.OTLP ? "application/x-protobuf"
                        : "application/json");
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
            SpanBody body = pool.body(index);
            SpanBody.IdMask mask = SpanBody.IdMask.of(load.seed(), index);
            traceStarts(body, index, starts);
            int length = body.stamp(buffer, mask, starts);
            HttpRequest request = template.copy()
                    .POST(HttpRequest.BodyPublishers.ofByteArray(buffer, 0, length)).build();
            try {
                HttpResponse<byte[]> response = runner.post(client, request, body.spans(),
                        schedule.paced() ? due : sendAt);
                if (response != null && response.statusCode() / 100 == 2) {
                    tracesAcknowledged.addAndGet(body.traces());
                    if (traceIds != null) {
                        traceIds.write(body, mask);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                senderFailure.compareAndSet(null, e);
                runner.stop();
                return;
            }
        }
    }

    /** Fills {@code starts[t]} with trace {@code t}'s start for send {@code index}. */
    private void traceStarts(SpanBody body, long index, long[] starts) {
        if (plan == null) {
            long now = LoadRun.unixNanos(wallClock.instant());
            for (int t = 0; t < body.traces(); t++) {
                starts[t] = now - body.traceLengthNanos(t);
            }
        } else {
            long first = index * load.batch();
            for (int t = 0; t < body.traces(); t++) {
                starts[t] = plan.timeOf(first + body.spansBefore(t));
            }
        }
    }

    private String progressDetail(long elapsedNanos, long requests, String p99) {
        long due = schedule.dueBy(elapsedNanos);
        long behind = due < 0 ? 0 : Math.max(0, due - requests - load.connections());
        return "behind " + behind + " requests, p99 " + p99 + " over the last "
                + (load.progressInterval().toMillis() % 1_000 == 0 ? load.progressInterval().toSeconds() + "s"
                        : load.progressInterval().toMillis() + "ms");
    }

    private SpanLoadSummary summary() {
        double elapsedSeconds = runner.elapsedSeconds();
        long due = schedule.dueBy(schedule.durationNanos());
        long notSent = due < 0 ? 0 : Math.max(0, due - runner.requestsSent());
        LoadStats stats = runner.stats;
        LoadStats warmupStats = runner.warmupStats;
        LatencyHistogram h = stats.latency;
        long acked = stats.recordsAcknowledged.sum();
        LoadSummary s = new LoadSummary(config.uri().toString(), load.recordsPerSecond(), load.batch(),
                load.connections(), SpanBatchGenerator.SERVICES.size(), elapsedSeconds, stats.requests.sum(),
                stats.recordsSent.sum(), acked, stats.recordsRejected.sum(), stats.recordsFailed.sum(),
                stats.statusCounts(), stats.errorCounts(), notSent, acked / elapsedSeconds,
                h.percentileNanos(50) / 1e6, h.percentileNanos(95) / 1e6, h.percentileNanos(99) / 1e6,
                h.maxNanos() / 1e6, warmupStats.requests.sum(), warmupStats.recordsAcknowledged.sum());
        return new SpanLoadSummary(config.format(), s, tracesAcknowledged.get());
    }
}
