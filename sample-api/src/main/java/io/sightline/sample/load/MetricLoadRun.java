package io.sightline.sample.load;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one metrics load: one platform thread per sender, each owning some targets' series
 * ({@link MetricRequests}) and posting their simulated scrapes in order, one request in flight at
 * a time. So every series' samples arrive in timestamp order, as from a Prometheus remote_write
 * shard, and at most {@code connections} requests are in flight.
 *
 * <p>Pacing: all senders move through simulated scrapes at the same speed, one scrape every
 * {@code series / rate} seconds; each sender's requests are spread evenly over that time
 * ({@link SendSchedule}, latency measured from the due time). Simulated time never passes the wall
 * clock: a scrape is sent only once its whole interval lies in the past. A sender that catches up
 * either stops ({@link MetricLoadConfig#stopAtNow()}, a backfill) or waits for the interval to pass,
 * like a scraper; latency then counts from the end of that wait. Unpaced senders are kept within
 * {@value #MAX_LEAD_SCRAPES} scrapes of each other.
 *
 * <p>Threads, posting and counting are {@link LoadRunner}'s. Not reusable: one {@link #run()} per
 * instance.
 */
final class MetricLoadRun {

    /** The requests of one sender and the spacing of their due times (0 = unpaced). */
    record Sender(MetricRequests requests, double intervalNanos) {}

    private static final int MAX_REJECTION_TEXT = 300;
    /**
     * How many scrapes a sender may run ahead of the slowest one. Unpaced senders drift apart;
     * Prometheus's head rejects samples older than an hour before its newest one, so a sender left
     * far behind would see its samples refused. 4 scrapes keep them within a minute of each other.
     */
    static final int MAX_LEAD_SCRAPES = 4;
    private static final long LEAD_POLL_NANOS = 200_000;

    private final MetricLoadConfig config;
    private final List<Sender> senders;
    private final long simulatedStartMillis;
    private final long intervalMillis;
    private final long durationNanos;
    private final InstantSource wallClock;
    private final LoadRunner runner;
    private final AtomicLongArray roundsSent;
    private final AtomicLongArray roundsStarted;
    private final AtomicLongArray requestsSent;
    private final AtomicLongArray finished;
    private final AtomicLongArray exited;
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final AtomicReference<String> firstRejection = new AtomicReference<>();
    /** A bug in a sender (encoding, state) ends the run instead of leaving a silent gap. */
    private final AtomicReference<Throwable> senderFailure = new AtomicReference<>();

    MetricLoadRun(MetricLoadConfig config, List<Sender> senders, long simulatedStartMillis,
            InstantSource wallClock, PrintStream progressOut) {
        this.config = config;
        this.senders = List.copyOf(senders);
        this.simulatedStartMillis = simulatedStartMillis;
        this.intervalMillis = config.scrapeInterval().toMillis();
        this.durationNanos = config.warmup().toNanos() + config.duration().toNanos();
        this.wallClock = wallClock;
        this.runner = new LoadRunner("metric-load", "samples", config.warmup(), config.progressInterval(),
                progressOut);
        this.roundsSent = new AtomicLongArray(senders.size());
        this.roundsStarted = new AtomicLongArray(senders.size());
        this.requestsSent = new AtomicLongArray(senders.size());
        this.finished = new AtomicLongArray(senders.size());
        this.exited = new AtomicLongArray(senders.size());
    }

    MetricLoadSummary run() throws InterruptedException {
        runner.run(senders.size(), this::send, this::progressDetail);
        if (senderFailure.get() != null) {
            throw new IllegalStateException("a sender failed: " + senderFailure.get(), senderFailure.get());
        }
        return summary();
    }

    private void send(HttpClient client, int sender) {
        try {
            sendAll(client, sender);
        } catch (RuntimeException | Error e) {
            senderFailure.compareAndSet(null, e);
            runner.stop();
        } finally {
            exited.set(sender, 1);
        }
    }

    private void sendAll(HttpClient client, int sender) {
        MetricRequests requests = senders.get(sender).requests();
        SendSchedule schedule = new SendSchedule(senders.get(sender).intervalNanos(), durationNanos,
                config.maxRequests() == 0 ? 0 : Math.max(1, config.maxRequests() / senders.size()));
        byte[] buffer = new byte[requests.maxBodyBytes()];
        long start = runner.start();
        long end = start + durationNanos;
        int perRound = requests.requestsPerRound();
        HttpRequest.Builder template = requests.headers(
                HttpRequest.newBuilder(config.endpoint()).timeout(config.requestTimeout()));
        long round = 0;
        int inRound = 0;
        long heldUntil = start;
        for (long index = 0; !runner.stopped() && schedule.includes(index); index++) {
            long due = start + schedule.dueNanos(index);
            if (schedule.paced() && !runner.parkUntil(due)) {
                return;
            }
            long roundMillis = simulatedStartMillis + round * intervalMillis;
            if (inRound == 0) {
                if (config.maxScrapes() > 0 && round >= config.maxScrapes()) {
                    finished.set(sender, 1);
                    return;
                }
                while (round - slowestUnfinished() > MAX_LEAD_SCRAPES) {
                    if (!runner.parkUntil(System.nanoTime() + LEAD_POLL_NANOS) || System.nanoTime() - end >= 0) {
                        return;
                    }
                }
                long aheadMillis = roundMillis + intervalMillis - wallClock.millis();
                if (aheadMillis > 0) {
                    if (config.stopAtNow()) {
                        finished.set(sender, 1);
                        return;
                    }
                    caughtUp.set(true);
                    long until = System.nanoTime() + aheadMillis * 1_000_000L;
                    if (until - end >= 0 || !runner.parkUntil(until)) {
                        return;
                    }
                    heldUntil = until;
                }
            }
            long sendAt = System.nanoTime();
            if (sendAt - end >= 0) {
                return; // out of time; requests still due count as not sent
            }
            long measureFrom = !schedule.paced() ? sendAt : due - heldUntil >= 0 ? due : heldUntil;
            if (inRound == 0) {
                roundsStarted.set(sender, round + 1);
            }
            int length = requests.encode(inRound, roundMillis, buffer);
            int samples = requests.samples(inRound);
            HttpRequest request = template.copy()
                    .POST(HttpRequest.BodyPublishers.ofByteArray(buffer, 0, length)).build();
            try {
                HttpResponse<byte[]> response = runner.post(client, request, samples, measureFrom);
                if (response != null && response.statusCode() / 100 != 2) {
                    firstRejection.compareAndSet(null, response.statusCode() + " " + text(response.body()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            requestsSent.incrementAndGet(sender);
            if (++inRound == perRound) {
                inRound = 0;
                round++;
                roundsSent.set(sender, round);
                requests.advance();
            }
        }
    }

    private static String text(byte[] body) {
        String s = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        return s.length() <= MAX_REJECTION_TEXT ? s : s.substring(0, MAX_REJECTION_TEXT) + "...";
    }

    private long minRounds() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < roundsSent.length(); i++) {
            min = Math.min(min, roundsSent.get(i));
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    /** Scrapes completed by the slowest sender still sending. */
    private long slowestUnfinished() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < roundsSent.length(); i++) {
            if (exited.get(i) == 0) {
                min = Math.min(min, roundsSent.get(i));
            }
        }
        return min;
    }

    private String progressDetail(long elapsedNanos, long requests, String p99) {
        long behindMillis = wallClock.millis() - (simulatedStartMillis + minRounds() * intervalMillis);
        return minRounds() + " scrapes done (simulated time now-"
                + Duration.ofMillis(Math.max(0, behindMillis)).toString().substring(2).toLowerCase(Locale.ROOT)
                + "), p99 " + p99;
    }

    private MetricLoadSummary summary() {
        double elapsedSeconds = runner.elapsedSeconds();
        LoadStats stats = runner.stats;
        LoadStats warmupStats = runner.warmupStats;
        long notSent = 0;
        for (int i = 0; i < senders.size(); i++) {
            if (finished.get(i) == 0 && senders.get(i).intervalNanos() > 0) {
                SendSchedule schedule = new SendSchedule(senders.get(i).intervalNanos(), durationNanos,
                        config.maxRequests() == 0 ? 0 : Math.max(1, config.maxRequests() / senders.size()));
                notSent += Math.max(0, schedule.dueBy(durationNanos) - requestsSent.get(i));
            }
        }
        long maxRounds = 0;
        for (int i = 0; i < roundsStarted.length(); i++) {
            maxRounds = Math.max(maxRounds, roundsStarted.get(i));
        }
        LatencyHistogram h = stats.latency;
        long acked = stats.recordsAcknowledged.sum();
        return new MetricLoadSummary(config.endpoint().toString(), config.otlp() ? "otlp" : "remote_write",
                config.samplesPerSecond(), config.batch(), senders.size(), config.series(), elapsedSeconds,
                stats.requests.sum(), stats.recordsSent.sum(), acked, stats.recordsRejected.sum(),
                stats.recordsFailed.sum(), stats.statusCounts(), stats.errorCounts(), notSent, acked / elapsedSeconds,
                h.percentileNanos(50) / 1e6, h.percentileNanos(95) / 1e6, h.percentileNanos(99) / 1e6,
                h.maxNanos() / 1e6, warmupStats.requests.sum(), warmupStats.recordsAcknowledged.sum(),
                minRounds(), maxRounds, simulatedStartMillis,
                simulatedStartMillis + maxRounds * intervalMillis,
                caughtUp.get(), firstRejection.get());
    }
}
