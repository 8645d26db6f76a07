package io.sightline.ingest.scrape;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
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
 * A failing target is reported down and never stops the others. Thread-safe.
 */
public final class Scraper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Scraper.class.getName());
    /** How long {@link #close} waits for a target's loop to finish its scrape. */
    private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(5);

    private final List<TargetLoop> loops = new ArrayList<>();
    private final HttpClient client;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closing = lock.newCondition();
    private volatile boolean closed;

    /**
     * @param jobs   the scrape configs
     * @param writer the appliance's one writer to the metrics WAL
     * @param clock  sample timestamps (the scrape's start)
     */
    public Scraper(List<ScrapeJob> jobs, SampleWriter writer, InstantSource clock) {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        PageFetcher fetcher = new PageFetcher(client);
        for (ScrapeJob job : jobs) {
            for (ScrapeJob.StaticTarget target : job.targets()) {
                Labels labels = target.labels().toBuilder().set("job", job.name()).set("instance", target.address()).build();
                loops.add(new TargetLoop(job, labels, PageFetcher.url(job, target.address()), fetcher, writer, clock));
            }
        }
    }

    /** Starts every target's loop; returns this. */
    public Scraper start() {
        for (TargetLoop loop : loops) {
            loop.thread = Thread.ofVirtual().name("scrape-" + loop.labels.get("job") + "-" + loop.labels.get("instance"))
                    .start(loop::run);
        }
        return this;
    }

    /** Every target's state, in config order. */
    public List<TargetHealth> targets() {
        return loops.stream().map(TargetLoop::health).toList();
    }

    /** Stops the loops (a scrape in flight finishes or is interrupted); does not wait for the WAL. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            closing.signalAll();
        } finally {
            lock.unlock();
        }
        loops.forEach(TargetLoop::interrupt);
        // Wait for the loops, so no scrape writes after this returns (the metrics WAL closes next).
        boolean interrupted = false;
        for (TargetLoop loop : loops) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        client.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code deadlineNanos} (System.nanoTime); false when closed meanwhile. */
    private boolean waitUntil(long deadlineNanos) {
        lock.lock();
        try {
            long left;
            while (!closed && (left = deadlineNanos - System.nanoTime()) > 0) {
                closing.awaitNanos(left);
            }
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
        private final PageFetcher fetcher;
        private final SampleWriter writer;
        private final InstantSource clock;
        private final TargetSeries series;
        private final SampleBatch batch = new SampleBatch();
        private final SampleRejections rejections = new SampleRejections();
        private volatile TargetHealth health;
        private volatile Thread thread;

        TargetLoop(ScrapeJob job, Labels labels, URI url, PageFetcher fetcher, SampleWriter writer, InstantSource clock) {
            this.job = job;
            this.labels = labels;
            this.url = url;
            this.fetcher = fetcher;
            this.writer = writer;
            this.clock = clock;
            this.series = new TargetSeries(job, labels);
            this.health = new TargetHealth(labels, url.toString(), "unknown", "", 0, 0, 0);
        }

        TargetHealth health() {
            return health;
        }

        void interrupt() {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }

        void join() throws InterruptedException {
            Thread t = thread;
            if (t != null && !t.join(CLOSE_WAIT)) {
                LOG.warning("scrape of " + url + " still running " + CLOSE_WAIT.toSeconds() + " s after close");
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
                    if (closed) {
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
            int written = 0;
            try {
                PageFetcher.Page page = fetcher.fetch(job, url);
                ScrapedPage parsed;
                try {
                    parsed = ExpositionParser.parse(page.text(), page.format(), 0);
                } catch (ExpositionException e) {
                    throw new ScrapeFailure("invalid page: " + e.getMessage(), e);
                }
                written = series.scraped(parsed, startMs, seconds(startNanos), batch);
            } catch (ScrapeFailure e) {
                error = e.getMessage();
                series.failed(startMs, seconds(startNanos), batch);
            }
            rejections.clear();
            writer.write(batch, rejections);
            if (rejections.samples() > 0 && error.isEmpty()) {
                LOG.fine(() -> url + ": " + rejections.samples() + " samples not admitted: " + rejections.message());
            }
            health = new TargetHealth(labels, url.toString(), error.isEmpty() ? "up" : "down", error, startMs,
                    seconds(startNanos), written);
        }

        private static double seconds(long startNanos) {
            return (System.nanoTime() - startNanos) / 1e9;
        }
    }
}
