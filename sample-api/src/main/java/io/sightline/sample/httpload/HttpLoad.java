package io.sightline.sample.httpload;

import io.sightline.sample.load.LatencyHistogram;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A running HTTP load: virtual users started at the scenario's spawn rate, each on its own virtual
 * thread and keep-alive connection, sending the scenario's weighted requests until the duration is
 * over or {@link #close()}. Start with {@link #start}; {@link #awaitCompletion()} blocks until the
 * end and returns the summary; {@link #snapshot()} reads the figures so far.
 *
 * <pre>{@code
 * try (HttpLoad load = HttpLoad.start(HttpLoadScenario.sampleShop(uri), HttpLoadReporting.console(System.err))) {
 *     System.out.print(load.awaitCompletion().toText());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Every thread it starts has ended when {@link #close()} or
 * {@link #awaitCompletion()} returns (a user blocked longer than the options' stop timeout is
 * left to end on its own and reported on the progress stream).
 */
public final class HttpLoad implements AutoCloseable {

    private final LoadPlan plan;
    private final HttpLoadReporting reporting;
    private final RunTallies tallies;
    private final long startNanos;
    private final long endNanos;
    private final long cpuStartNanos;
    private final List<Thread> userThreads = new CopyOnWriteArrayList<>();
    private final List<VirtualUser> users = new CopyOnWriteArrayList<>();
    private final Thread spawner;
    private final Thread progress;
    private volatile boolean stopped;
    private HttpLoadSummary finalSummary;

    private HttpLoad(HttpLoadScenario scenario, HttpLoadReporting reporting, HttpLoadOptions options) {
        this.plan = new LoadPlan(scenario, options);
        this.reporting = reporting;
        OrderIds orderIds = new OrderIds(options.rememberedOrderIds());
        AtomicInteger usersRunning = new AtomicInteger();
        LoadMetrics metrics = reporting.otlpEndpoint()
                .map(uri -> LoadMetrics.start(uri, reporting.runId(), reporting.metricsInterval(), scenario.endpoints(),
                        usersRunning::get))
                .orElseGet(LoadMetrics::disabled);
        this.tallies = new RunTallies(scenario.endpoints(), metrics, orderIds, usersRunning);
        this.cpuStartNanos = ProcessCpu.nanos();
        this.startNanos = System.nanoTime();
        this.endNanos = scenario.duration().isZero() ? Long.MAX_VALUE : startNanos + scenario.duration().toNanos();
        this.spawner = Thread.ofVirtual().name("http-load-spawner").unstarted(this::spawnUsers);
        this.progress = reporting.progress()
                .map(out -> Thread.ofPlatform().daemon().name("http-load-progress").unstarted(new ProgressLine(out,
                        reporting.progressInterval().toNanos(), startNanos, scenario.users(), tallies, () -> stopped)))
                .orElse(null);
    }

    /** Starts a run with the default {@link HttpLoadOptions}. */
    public static HttpLoad start(HttpLoadScenario scenario, HttpLoadReporting reporting) {
        return start(scenario, reporting, HttpLoadOptions.defaults());
    }

    public static HttpLoad start(HttpLoadScenario scenario, HttpLoadReporting reporting, HttpLoadOptions options) {
        HttpLoad load = new HttpLoad(scenario, reporting, options);
        load.spawner.start();
        if (load.progress != null) {
            load.progress.start();
        }
        return load;
    }

    /** User i starts at i / spawnRate seconds; none starts at or after the end. */
    private void spawnUsers() {
        double gapNanos = 1e9 / plan.scenario.spawnRate();
        for (int i = 0; i < plan.scenario.users() && !stopped; i++) {
            long at = startNanos + Math.round(i * gapNanos);
            if (at - endNanos >= 0) {
                return;
            }
            long left;
            while ((left = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
                if (stopped || Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
            VirtualUser user = new VirtualUser(plan, tallies, i, at, endNanos, () -> stopped);
            users.add(user);
            userThreads.add(Thread.ofVirtual().name("http-load-user-" + i).start(user));
        }
    }

    /**
     * Blocks until the duration is over and every user's last request has been answered (or, with
     * a duration of zero, until {@link #close()}), then returns the final summary. Interrupted, it
     * stops the run as {@link #close()} does and returns what was measured.
     */
    public HttpLoadSummary awaitCompletion() {
        try {
            spawner.join();
            for (Thread t : userThreads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
        return finish();
    }

    /** The figures so far; the final ones once the run has ended. */
    public synchronized HttpLoadSummary snapshot() {
        return finalSummary != null ? finalSummary : summary(System.nanoTime(), false);
    }

    /** Stops the run now: no new requests, open ones aborted, threads joined, metrics pushed. */
    @Override
    public void close() {
        stopped = true;
        spawner.interrupt();
        users.forEach(VirtualUser::abort);
        userThreads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + plan.options.stopTimeout().toNanos();
        try {
            spawner.join(remainingMillis(deadline));
            for (Thread t : userThreads) {
                t.join(remainingMillis(deadline));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finish();
    }

    /** Threads of this run still alive (spawner, users, progress line): 0 after a clean stop. */
    long threadsAlive() {
        long n = userThreads.stream().filter(Thread::isAlive).count() + (spawner.isAlive() ? 1 : 0);
        return n + (progress != null && progress.isAlive() ? 1 : 0);
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private synchronized HttpLoadSummary finish() {
        if (finalSummary != null) {
            return finalSummary;
        }
        stopped = true;
        if (progress != null) {
            progress.interrupt();
            try {
                progress.join(plan.options.stopTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long stillRunning = userThreads.stream().filter(Thread::isAlive).count();
        if (stillRunning > 0) {
            reporting.progress().ifPresent(out -> out.println(
                    "load: " + stillRunning + " users still blocked after the stop timeout; left to end on their own"));
        }
        finalSummary = summary(System.nanoTime(), true); // the users have ended (or were stopped) by now
        tallies.metrics.close(plan.options.stopTimeout());
        return finalSummary;
    }

    private HttpLoadSummary summary(long atNanos, boolean finished) {
        double elapsed = Math.max(1, atNanos - startNanos) / 1e9;
        List<HttpLoadSummary.Endpoint> rows = tallies.endpoints.stream().map(e -> e.summary(elapsed)).toList();
        LatencyHistogram all = new LatencyHistogram();
        tallies.endpoints.forEach(e -> all.add(e.latency));
        HttpLoadSummary.Endpoint total = HttpLoadSummary.Endpoint.of("total", tallies.requests(), elapsed,
                tallies.clientErrors(), rows.stream().mapToLong(HttpLoadSummary.Endpoint::serverErrors).sum(),
                rows.stream().mapToLong(HttpLoadSummary.Endpoint::connectionErrors).sum(), all);
        long cpuNow = ProcessCpu.nanos();
        double cpuSeconds = cpuNow < 0 || cpuStartNanos < 0 ? -1 : (cpuNow - cpuStartNanos) / 1e9;
        return new HttpLoadSummary(plan.scenario.target().toString(), reporting.runId(), elapsed,
                users.size(), rows, total, EndpointStats.statusCounts(tallies.endpoints),
                EndpointStats.errorCounts(tallies.endpoints), cpuSeconds,
                cpuSeconds < 0 ? -1 : 100 * cpuSeconds / elapsed,
                cpuSeconds < 0 || total.requests() == 0 ? -1 : cpuSeconds * 1e6 / total.requests(), finished);
    }
}
