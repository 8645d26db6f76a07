package io.sightline.appliance.load;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import io.sightline.sample.httpload.HttpLoad;
import io.sightline.sample.httpload.HttpLoadSummary;
import io.sightline.ui.LoadControl.LoadFigures;
import io.sightline.ui.LoadControl.LoadPoint;
import io.sightline.ui.LoadControl.LoadRequest;
import io.sightline.ui.LoadControl.LoadRun;

/**
 * One load run of {@link HttpLoadRuns}: its generator, its state, and a point a second (the rate and
 * failures of that second from the counts' differences, the run's percentiles so far). At most
 * {@link #MAX_POINTS} points are kept: past that, every other one is dropped, so a long run's chart
 * keeps its whole span at half the resolution. Thread-safe.
 */
final class LoadRecorder {
    static final int MAX_POINTS = 600;

    private final String id;
    private final LoadRequest request;
    private final InstantSource clock;
    private final Instant started;
    private final HttpLoad load;
    private final List<LoadPoint> points = new ArrayList<>();
    private long lastRequests;
    private long lastFailures;
    private long lastNanos = System.nanoTime();
    private volatile String state = "running";
    private volatile boolean stopRequested;
    private volatile HttpLoadSummary last;

    LoadRecorder(String id, LoadRequest request, InstantSource clock, HttpLoad load) {
        this.id = id;
        this.request = request;
        this.clock = clock;
        this.started = clock.instant();
        this.load = load;
    }

    String id() {
        return id;
    }

    boolean running() {
        return state.equals("running");
    }

    /** Blocks until the run is over (its duration, or {@link #stop()}); then records its final figures. */
    void awaitEnd() {
        HttpLoadSummary summary = load.awaitCompletion();
        synchronized (this) {
            if (running()) { // the run's own thread and stop() both end here; the first records
                last = summary;
                addPoint(summary);
                state = stopRequested ? "stopped" : "finished";
            }
        }
    }

    /** Stops the run now when it still runs; returns once its users have ended. */
    void stop() {
        if (running()) {
            stopRequested = true;
            load.close();
            awaitEnd();
        }
    }

    /** Adds this second's point. */
    synchronized void sample() {
        if (running()) {
            HttpLoadSummary summary = load.snapshot();
            last = summary;
            addPoint(summary);
        }
    }

    private void addPoint(HttpLoadSummary summary) {
        long now = System.nanoTime();
        double seconds = (now - lastNanos) / 1e9;
        if (seconds < 0.5) {
            return; // the end came right after a sample: a rate over a sliver of a second would only be noise
        }
        HttpLoadSummary.Endpoint total = summary.total();
        points.add(new LoadPoint(clock.instant().getEpochSecond(), (total.requests() - lastRequests) / seconds,
                (total.failures() - lastFailures) / seconds, total.p50Ms(), total.p95Ms(), total.p99Ms()));
        lastRequests = total.requests();
        lastFailures = total.failures();
        lastNanos = now;
        if (points.size() > MAX_POINTS) {
            for (int i = points.size() - 2; i >= 0; i -= 2) {
                points.remove(i);
            }
        }
    }

    synchronized LoadRun view() {
        HttpLoadSummary summary = running() ? load.snapshot() : last;
        LoadFigures figures = summary == null ? LoadFigures.NONE : figures(summary);
        return new LoadRun(id, request, started, state, figures, points);
    }

    private static LoadFigures figures(HttpLoadSummary summary) {
        HttpLoadSummary.Endpoint t = summary.total();
        return new LoadFigures(summary.elapsedSeconds(), summary.users(), t.requests(), t.requestsPerSecond(),
                t.failures(), t.clientErrors(), t.p50Ms(), t.p95Ms(), t.p99Ms(), t.maxMs());
    }
}
