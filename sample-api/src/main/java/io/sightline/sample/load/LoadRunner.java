package io.sightline.sample.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What every load run does around its own requests: the run's start and warm-up on
 * {@link System#nanoTime()}, the sender threads and the progress thread, one HTTP/1.1 client with
 * a keep-alive connection per sender, posting and counting each request in the warm-up or the
 * measured {@link LoadStats}, and the progress line's common figures. {@link LoadRun} and
 * {@link MetricLoadRun} decide what to send when.
 *
 * <p>Platform threads rather than virtual ones: there are only a handful, and parking them to the
 * due time is more precise. Thread-safe once {@link #run} has started the threads; not reusable.
 */
final class LoadRunner {

    /** One sender's loop; returns when it is done, out of time or {@link #stopped()}. */
    @FunctionalInterface
    interface Sender {
        void send(HttpClient client, int sender);
    }

    /** The run-specific middle of a progress line. */
    @FunctionalInterface
    interface ProgressDetail {
        /** @param p99 the 99th-percentile latency since the last line ({@code 1.2 ms} or {@code n/a}) */
        String describe(long elapsedNanos, long requests, String p99);
    }

    final LoadStats warmupStats = new LoadStats();
    final LoadStats stats = new LoadStats();
    private final String name;
    private final String items;
    private final long warmupNanos;
    private final Duration progressInterval;
    private final PrintStream progressOut;
    private final AtomicLong lastCompletion = new AtomicLong();
    private volatile boolean stopped;
    private long start;

    /**
     * @param name the thread names' prefix ({@code otlp-load})
     * @param items what a request carries, plural, for the progress line ({@code records})
     */
    LoadRunner(String name, String items, Duration warmup, Duration progressInterval, PrintStream progressOut) {
        this.name = name;
        this.items = items;
        this.warmupNanos = warmup.toNanos();
        this.progressInterval = progressInterval;
        this.progressOut = progressOut;
    }

    /**
     * Starts {@code senders} sender threads and, unless the interval is zero, the progress thread;
     * returns once every sender has returned, with the progress thread stopped.
     */
    void run(int senders, Sender sender, ProgressDetail progressDetail) throws InterruptedException {
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            start = System.nanoTime();
            lastCompletion.set(start + warmupNanos);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                int index = i;
                threads.add(Thread.ofPlatform().name(name + "-sender-" + i).daemon()
                        .start(() -> sender.send(client, index)));
            }
            Thread progress = progressInterval.isZero() ? null
                    : Thread.ofPlatform().name(name + "-progress").daemon()
                            .start(() -> reportProgress(progressDetail));
            try {
                for (Thread t : threads) {
                    t.join();
                }
            } finally {
                stopped = true;
                threads.forEach(Thread::interrupt);
                if (progress != null) {
                    progress.interrupt();
                    progress.join();
                }
            }
        }
    }

    /** The run's start on {@link System#nanoTime()}; valid in the senders and after {@link #run}. */
    long start() {
        return start;
    }

    long warmupNanos() {
        return warmupNanos;
    }

    /** Makes every sender and the progress thread stop at their next check. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** Whether a request measured from {@code measureFromNanos} belongs to the warm-up. */
    boolean inWarmup(long measureFromNanos) {
        return measureFromNanos - start < warmupNanos;
    }

    /** Parks until {@code deadline} (System.nanoTime); false when interrupted or stopped. */
    boolean parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted() || stopped) {
                return false;
            }
        }
        return true;
    }

    /**
     * Posts {@code request} and counts it, with {@code items} items and its latency from
     * {@code measureFromNanos}, in the warm-up or the measured stats.
     *
     * @return the response, or null when none came (counted as a failure)
     */
    HttpResponse<byte[]> post(HttpClient client, HttpRequest request, int items, long measureFromNanos)
            throws InterruptedException {
        boolean warmup = inWarmup(measureFromNanos);
        LoadStats counts = warmup ? warmupStats : stats;
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long done = System.nanoTime();
            counts.response(response.statusCode(), response.body(), items, done - measureFromNanos);
            if (!warmup) {
                lastCompletion.accumulateAndGet(done, Math::max);
            }
            return response;
        } catch (IOException e) {
            counts.failure(e, items);
            if (!warmup) {
                lastCompletion.accumulateAndGet(System.nanoTime(), Math::max);
            }
            return null;
        }
    }

    /** Seconds from the end of the warm-up to the last measured completion; at least 1 ns. */
    double elapsedSeconds() {
        return Math.max(1, lastCompletion.get() - start - warmupNanos) / 1e9;
    }

    /** Requests sent so far, warm-up included. */
    long requestsSent() {
        return warmupStats.requests.sum() + stats.requests.sum();
    }

    private void reportProgress(ProgressDetail detail) {
        long interval = progressInterval.toNanos();
        long lastAcked = 0;
        for (long tick = 1; ; tick++) {
            if (!parkUntil(start + tick * interval)) {
                return;
            }
            long elapsed = System.nanoTime() - start;
            long acked = warmupStats.recordsAcknowledged.sum() + stats.recordsAcknowledged.sum();
            long requests = requestsSent();
            LatencyHistogram window = (elapsed < warmupNanos ? warmupStats : stats).takeWindow();
            String p99 = window.count() == 0 ? "n/a"
                    : String.format(Locale.ROOT, "%.1f ms", window.percentileNanos(99) / 1e6);
            progressOut.printf(Locale.ROOT,
                    "[%4ds]%s requests %d, acknowledged %d %s, %.0f %s/s now, non-2xx %d, errors %d, %s%n",
                    elapsed / 1_000_000_000L, elapsed < warmupNanos ? " warm-up:" : "", requests, acked, items,
                    (acked - lastAcked) * 1e9 / interval, items,
                    warmupStats.nonSuccessResponses() + stats.nonSuccessResponses(),
                    warmupStats.failures() + stats.failures(), detail.describe(elapsed, requests, p99));
            progressOut.flush();
            lastAcked = acked;
        }
    }
}
