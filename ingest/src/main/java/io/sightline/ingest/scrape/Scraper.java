package io.sightline.ingest.scrape;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleRejections;
import io.sightline.ingest.prometheus.SampleWriter;
import io.sightline.storage.tsdb.Labels;

/**
 * Scrapes static targets, each on its own virtual thread at its job's interval, and writes what
 * it finds through the appliance's {@link SampleWriter} (the metrics WAL, one series space with
 * the receivers). A target's first scrape waits an offset within the interval derived from a hash
 * of its labels, as Prometheus spreads its targets, so targets of one job do not all fire at once.
 * A failing target is reported down and never stops the others. {@link #reload} keeps the loops of
 * unchanged targets, starts new ones and ends removed ones with stale markers. Thread-safe.
 */
public final class Scraper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Scraper.class.getName());
    /** How long stopping waits for a target's loop to finish its scrape. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    /** How often a target's refused samples are logged at most. */
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final SampleWriter writer;
    private final InstantSource clock;
    private final HttpClient client;
    private final PageFetcher fetcher;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** The running loops by (job, target labels); replaced whole under {@code this}. */
    private volatile Map<LoopKey, TargetLoop> loops = Map.of();
    private volatile boolean closed;

    /** A target's identity across reloads: its job's whole config, its labels and URL. */
    private record LoopKey(ScrapeJob job, Labels labels, URI url) {
    }

    /**
     * @param jobs   the scrape configs
     * @param writer the appliance's one writer to the metrics WAL
     * @param clock  sample timestamps (the scrape's start)
     */
    public Scraper(List<ScrapeJob> jobs, SampleWriter writer, InstantSource clock) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
        // HTTP/1.1 as Prometheus: no h2c upgrade headers, which some exporters mishandle.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.fetcher = new PageFetcher(client);
        this.loops = build(jobs, Map.of());
    }

    /** Starts every target's loop; returns this. */
    public synchronized Scraper start() {
        loops.values().forEach(TargetLoop::start);
        return this;
    }

    /**
     * Replaces the config: targets whose job config and labels are unchanged keep scraping
     * undisturbed; new ones start; removed ones stop and get stale markers for every series they
     * wrote (their report series included).
     */
    public synchronized void reload(List<ScrapeJob> jobs) {
        if (closed) {
            return;
        }
        Map<LoopKey, TargetLoop> old = loops;
        Map<LoopKey, TargetLoop> next = build(jobs, old);
        loops = next;
        for (Map.Entry<LoopKey, TargetLoop> e : old.entrySet()) {
            if (next.get(e.getKey()) != e.getValue()) {
                e.getValue().stop(true);
            }
        }
        next.values().forEach(TargetLoop::start);
    }

    private Map<LoopKey, TargetLoop> build(List<ScrapeJob> jobs, Map<LoopKey, TargetLoop> reuse) {
        Map<LoopKey, TargetLoop> built = new LinkedHashMap<>();
        for (ScrapeJob job : jobs) {
            for (ScrapeJob.StaticTarget target : job.targets()) {
                TargetLabels.Resolved resolved = TargetLabels.resolve(job, target);
                if (resolved == null) {
                    continue; // dropped by relabel_configs
                }
                LoopKey key = new LoopKey(job, resolved.labels(), resolved.url());
                TargetLoop loop = reuse.get(key);
                built.putIfAbsent(key, loop != null ? loop : new TargetLoop(job, resolved.labels(), resolved.url()));
            }
        }
        return built;
    }

    /** Every target's state, in config order. */
    public List<TargetHealth> targets() {
        return loops.values().stream().map(TargetLoop::health).toList();
    }

    /**
     * Stops the loops (a scrape in flight is interrupted) and waits for them, so nothing is written
     * after this returns; no stale markers (as Prometheus on shutdown: the series resume on restart).
     */
    @Override
    public synchronized void close() {
        closed = true;
        signal();
        loops.values().forEach(loop -> loop.stop(false));
        client.close();
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Where in its interval a target fires: Prometheus's idea (a hash of the target, modulo the interval). */
    static long offsetMillis(Labels target, long intervalMs, long nowMs) {
        long slot = Math.floorMod((long) target.hashCode() * 0x9E3779B97F4A7C15L, intervalMs);
        return Math.floorMod(slot - Math.floorMod(nowMs, intervalMs), intervalMs);
    }

    private final class TargetLoop {
        private final ScrapeJob job;
        private final Labels labels;
        private final URI url;
        private final TargetSeries series;
        private final SampleBatch batch = new SampleBatch();
        private final SampleRejections rejections = new SampleRejections();
        private volatile TargetHealth health;
        private volatile Thread thread;
        private volatile boolean stopped;
        private long warnedNanos = System.nanoTime() - WARN_EVERY.toNanos();

        TargetLoop(ScrapeJob job, Labels labels, URI url) {
            this.job = job;
            this.labels = labels;
            this.url = url;
            this.series = new TargetSeries(job, labels);
            this.health = new TargetHealth(labels, url.toString(), "unknown", "", 0, 0, 0);
        }

        TargetHealth health() {
            return health;
        }

        void start() {
            if (thread == null && !stopped) {
                thread = Thread.ofVirtual().name("scrape-" + labels.get("job") + "-" + labels.get("instance")).start(this::run);
            }
        }

        /** Ends the loop and waits for it; {@code stale}: then marks its series stale. */
        void stop(boolean stale) {
            stopped = true;
            signal();
            Thread t = thread;
            if (t != null) {
                t.interrupt();
                try {
                    if (!t.join(STOP_WAIT)) {
                        LOG.warning("scrape of " + url + " still running " + STOP_WAIT.toSeconds() + " s after it was stopped");
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (stale) {
                series.ended(clock.millis(), batch); // the loop's thread is gone: its state is ours now
                rejections.clear();
                writer.write(batch, rejections);
            }
        }

        /** Waits until {@code deadlineNanos} (System.nanoTime); false when stopped meanwhile. */
        private boolean waitUntil(long deadlineNanos) {
            lock.lock();
            try {
                long left;
                while (!stopped && !closed && (left = deadlineNanos - System.nanoTime()) > 0) {
                    wake.awaitNanos(left);
                }
                return !stopped && !closed;
            } catch (InterruptedException e) {
                return false;
            } finally {
                lock.unlock();
            }
        }

        void run() {
            long intervalNanos = job.interval().toNanos();
            long next = System.nanoTime() + offsetMillis(labels, job.interval().toMillis(), clock.millis()) * 1_000_000L;
            while (waitUntil(next)) {
                try {
                    scrapeOnce();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (stopped || closed) {
                        return;
                    }
                    LOG.log(Level.WARNING, "scrape of " + url + " failed unexpectedly", e);
                }
                next += intervalNanos;
                long now = System.nanoTime();
                if (next <= now) { // a scrape overran: skip to the next slot, as Prometheus does
                    next += ((now - next) / intervalNanos + 1) * intervalNanos;
                }
            }
        }

        private void scrapeOnce() throws InterruptedException {
            long startMs = clock.millis();
            long startNanos = System.nanoTime();
            String error = "";
            boolean failed = false;
            int written = 0;
            try {
                PageFetcher.Page page = fetcher.fetch(job, url);
                ScrapedPage parsed;
                try {
                    parsed = ExpositionParser.parse(page.text(), page.format(), 0, series.knownSeries());
                } catch (ExpositionException e) {
                    throw new ScrapeFailure("invalid page: " + e.getMessage(), e);
                }
                written = series.scraped(parsed, startMs, seconds(startNanos), batch);
                error = series.pageProblem();
            } catch (ScrapeFailure e) {
                failed = true;
                error = e.getMessage();
                series.failed(startMs, seconds(startNanos), batch);
            }
            if (stopped || closed) {
                throw new InterruptedException("stopped"); // stop() owns the series from here
            }
            rejections.clear();
            writer.write(batch, rejections);
            if (rejections.samples() > 0 && System.nanoTime() - warnedNanos >= WARN_EVERY.toNanos()) {
                warnedNanos = System.nanoTime();
                LOG.warning("scrape of " + url + ": " + rejections.samples() + " samples not admitted "
                        + rejections.byReason() + ": " + rejections.message() + " (logged at most once a minute per target)");
            }
            if (rejections.samples() > 0) {
                // Not a failed scrape (up stays 1, as in Prometheus), but the target's status says what was lost.
                error = (error.isEmpty() ? "" : error + "; ") + rejections.samples() + " samples not admitted "
                        + rejections.byReason() + ": " + rejections.message();
            }
            health = new TargetHealth(labels, url.toString(), failed ? "down" : "up", error, startMs,
                    seconds(startNanos), written);
        }

        private static double seconds(long startNanos) {
            return (System.nanoTime() - startNanos) / 1e9;
        }
    }
}
