package io.sightline.sample.httpload;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One simulated user: a loop on its own virtual thread and keep-alive connection, one request at
 * a time. Paced, its k-th request is due at {@code start + k × users / rate} (computed from k, so
 * lateness never accumulates) and its latency counts from that due time: a slow answer delays the
 * user's next requests and they are charged for the wait (no coordinated omission, as
 * {@code io.sightline.sample.load.SendSchedule}). A think time is the least pause after an
 * answer; a request it delays counts from the end of the pause. Unpaced, latency counts from the
 * send. Not thread-safe; {@link #abort()} may be called from another thread.
 */
final class VirtualUser implements Runnable {

    private final LoadPlan plan;
    private final RunTallies tallies;
    private final long startNanos;
    private final long endNanos;
    private final BooleanSupplier stopped;
    private final SplittableRandom random;
    private final RequestBuffer request = new RequestBuffer();
    private final Http1Connection connection;

    /**
     * @param startNanos when this user starts, on {@link System#nanoTime()}
     * @param endNanos no request starts at or after it; Long.MAX_VALUE = until stopped
     */
    VirtualUser(LoadPlan plan, RunTallies tallies, int index, long startNanos, long endNanos, BooleanSupplier stopped) {
        this.plan = plan;
        this.tallies = tallies;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.stopped = stopped;
        this.random = new SplittableRandom(plan.options.seed() * 0x9E3779B97F4A7C15L + index);
        this.connection = plan.connect();
    }

    @Override
    public void run() {
        tallies.usersRunning.incrementAndGet();
        try {
            loop();
        } finally {
            connection.close();
            tallies.usersRunning.decrementAndGet();
        }
    }

    private void loop() {
        boolean paced = plan.userIntervalNanos > 0;
        long earliest = startNanos;
        for (long k = 0; ; k++) {
            long due = paced ? Math.max(startNanos + Math.round(k * plan.userIntervalNanos), earliest) : earliest;
            if (due - endNanos >= 0 || !parkUntil(due)) {
                return;
            }
            int e = plan.choice.pick(random);
            LoadPlan.Route route = plan.routes.get(e);
            int length = request.build(plan, route, random, tallies.orderIds);
            long sent = System.nanoTime();
            long measureFrom = paced ? due : sent;
            try {
                int status = connection.exchange(request.bytes(), length, route.head());
                long done = System.nanoTime();
                tallies.answer(e, status, done - measureFrom);
                if (route.post() && status >= 200 && status < 300) {
                    tallies.orderIds.rememberFrom(connection.body(), connection.bodyLength());
                }
                earliest = done + plan.thinkNanos;
            } catch (IOException ex) {
                if (stopped.getAsBoolean()) {
                    return; // closed under us by close(): not the target's fault
                }
                tallies.connectionError(e, ex);
                // a refused connection would otherwise spin; wait a little before the next try
                earliest = System.nanoTime() + Math.max(plan.thinkNanos, 1_000_000);
            }
            if (stopped.getAsBoolean()) {
                return;
            }
        }
    }

    /** Parks until {@code deadline}; false when stopped or interrupted first. */
    private boolean parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted() || stopped.getAsBoolean()) {
                return false;
            }
        }
        return !stopped.getAsBoolean();
    }

    /** Closes the connection, so that a blocked exchange ends at once. */
    void abort() {
        connection.close();
    }
}
