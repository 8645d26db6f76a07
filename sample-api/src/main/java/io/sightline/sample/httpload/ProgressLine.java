package io.sightline.sample.httpload;

import io.sightline.sample.load.LatencyHistogram;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The live console line, once an interval on its own platform thread: elapsed time, users running
 * of the total, requests/s over the last interval, the total so far, failures (5xx and connection
 * errors) and 4xx apart, and p50/p95/p99 of the answers of the last interval. Runs until stopped or
 * interrupted.
 */
final class ProgressLine implements Runnable {

    private final PrintStream out;
    private final long intervalNanos;
    private final long startNanos;
    private final int users;
    private final RunTallies tallies;
    private final BooleanSupplier stopped;

    ProgressLine(PrintStream out, long intervalNanos, long startNanos, int users, RunTallies tallies,
                 BooleanSupplier stopped) {
        this.out = out;
        this.intervalNanos = intervalNanos;
        this.startNanos = startNanos;
        this.users = users;
        this.tallies = tallies;
        this.stopped = stopped;
    }

    @Override
    public void run() {
        long lastRequests = 0;
        long lastAt = startNanos;
        for (long tick = 1; ; tick++) {
            long deadline = startNanos + tick * intervalNanos;
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
                if (Thread.currentThread().isInterrupted() || stopped.getAsBoolean()) {
                    return;
                }
            }
            long now = System.nanoTime();
            long requests = tallies.requests();
            out.println(line(now - startNanos, tallies.usersRunning.get(), (requests - lastRequests) * 1e9 / (now - lastAt),
                    requests, tallies.failures(), tallies.clientErrors(), tallies.takeWindow()));
            out.flush();
            lastRequests = requests;
            lastAt = now;
        }
    }

    String line(long elapsedNanos, int running, double rate, long requests, long failures, long clientErrors,
                LatencyHistogram window) {
        String latency = window.count() == 0 ? "p50/p95/p99 n/a"
                : String.format(Locale.ROOT, "p50 %.2f  p95 %.2f  p99 %.2f ms", window.percentileNanos(50) / 1e6,
                        window.percentileNanos(95) / 1e6, window.percentileNanos(99) / 1e6);
        return String.format(Locale.ROOT, "[%5ds] users %d/%d  %8.0f req/s  total %d  failures %d  4xx %d  %s",
                elapsedNanos / 1_000_000_000L, running, users, rate, requests, failures, clientErrors, latency);
    }
}
