package io.sightline.appliance.load;

import java.net.URI;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.sightline.sample.httpload.HttpLoad;
import io.sightline.sample.httpload.HttpLoadReporting;
import io.sightline.sample.httpload.HttpLoadScenario;
import io.sightline.ui.LoadControl;

/**
 * The load page's runs, on sample-api's {@link HttpLoad} with the sample shop scenario: one run at a
 * time, sampled once a second into {@link LoadRecorder}'s points, the newest
 * {@link LoadLimits#keptRuns()} runs kept in memory for comparison (they do not survive a
 * restart; their figures also reach the TSDB as the generator's metrics with {@code load.run.id}
 * = the run's id, when a metrics endpoint is set).
 *
 * <p>The target is set after construction ({@link #target(URI, Optional)}): the demo starts the
 * appliance first (its UI needs this object) and the sample services afterwards (they need the
 * appliance's OTLP port). Thread-safe; {@link #close()} stops a running run and the sampler.
 */
public final class HttpLoadRuns implements LoadControl, AutoCloseable {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final LoadLimits limits;
    private final InstantSource clock;
    private final Function<URI, HttpLoadScenario> scenario;
    private final Deque<LoadRecorder> runs = new ArrayDeque<>();
    private volatile URI target;
    private volatile Optional<URI> metrics = Optional.empty();
    private ScheduledExecutorService sampler;
    private int started;
    private boolean closed;

    public HttpLoadRuns(LoadLimits limits, InstantSource clock) {
        this(limits, clock, HttpLoadScenario::sampleShop);
    }

    /** @param scenario the scenario of a run against a target (users, rates and duration are the run's) */
    public HttpLoadRuns(LoadLimits limits, InstantSource clock, Function<URI, HttpLoadScenario> scenario) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scenario = Objects.requireNonNull(scenario, "scenario");
    }

    /**
     * @param frontend the sample frontend's base URL, where the runs go
     * @param otlpHttp the OTLP/HTTP base URL the runs' metrics are pushed to, or empty for none
     */
    public void target(URI frontend, Optional<URI> otlpHttp) {
        this.metrics = Objects.requireNonNull(otlpHttp, "otlpHttp");
        this.target = Objects.requireNonNull(frontend, "frontend");
    }

    @Override
    public String target() {
        URI uri = target;
        return uri == null ? "" : uri.toString();
    }

    @Override
    public LoadLimits limits() {
        return limits;
    }

    @Override
    public synchronized LoadRun start(LoadRequest request) {
        if (closed) {
            throw new IllegalStateException("Sightline is stopping: no new load run.");
        }
        URI frontend = target;
        if (frontend == null) {
            throw new IllegalStateException("The load target is not set yet; try again in a moment.");
        }
        if (runs.stream().anyMatch(LoadRecorder::running)) {
            throw new IllegalStateException("A run is going: stop it or wait for its end before starting another.");
        }
        String id = "run" + (++started) + "-" + ID_TIME.format(clock.instant());
        HttpLoadScenario scenario = this.scenario.apply(frontend).withUsers(request.users())
                .withSpawnRate(request.spawnRate()).withTargetRate(request.targetRate()).withDuration(request.duration());
        HttpLoadReporting reporting = metrics.map(uri -> HttpLoadReporting.none().withMetrics(uri, id))
                .orElseGet(() -> HttpLoadReporting.none().withRunId(id));
        LoadRecorder run = new LoadRecorder(id, request, clock, HttpLoad.start(scenario, reporting));
        runs.addFirst(run);
        while (runs.size() > limits.keptRuns()) {
            runs.removeLast();
        }
        if (sampler == null) {
            sampler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("load-page-sampler").daemon().factory());
            sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        }
        Thread.ofVirtual().name("load-page-run-" + id).start(run::awaitEnd);
        return run.view();
    }

    @Override
    public void stop(String id) {
        LoadRecorder run;
        synchronized (this) {
            run = runs.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
        }
        if (run != null) {
            run.stop(); // outside the lock: it waits for the users to end
        }
    }

    @Override
    public synchronized Optional<LoadRun> current() {
        return runs.stream().filter(LoadRecorder::running).findFirst().map(LoadRecorder::view);
    }

    @Override
    public synchronized List<LoadRun> runs() {
        List<LoadRun> out = new ArrayList<>(runs.size());
        runs.forEach(run -> out.add(run.view()));
        return out;
    }

    private void sample() {
        List<LoadRecorder> running;
        synchronized (this) {
            running = runs.stream().filter(LoadRecorder::running).toList();
        }
        running.forEach(LoadRecorder::sample);
    }

    /** Stops a running run and the sampler; no run starts afterwards. */
    @Override
    public void close() {
        List<LoadRecorder> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(runs);
            if (sampler != null) {
                sampler.shutdownNow();
            }
        }
        all.forEach(LoadRecorder::stop);
    }
}
