package io.sightline.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts, stops and watches HTTP load runs against a target (the demo's sample services, or a
 * configured one), as the load page uses them; supplied by the appliance, which knows the load
 * generator. One run at a time; finished runs are kept (the newest {@link LoadLimits#keptRuns()})
 * so the page can compare them. Implementations are thread-safe.
 */
public interface LoadControl {
    /** Where the load goes, for the page's heading; empty while the target is not known yet. */
    String target();

    /** The bounds a request must stay within; {@link LoadForm} checks them before {@link #start}. */
    LoadLimits limits();

    /**
     * Starts a run.
     *
     * @throws IllegalStateException when a run is still going or there is no target yet
     */
    LoadRun start(LoadRequest request);

    /** Stops the run {@code id} now when it still runs; a finished or unknown run is left as it is. */
    void stop(String id);

    /** The run going now, if any. */
    Optional<LoadRun> current();

    /** Every kept run, newest first, the current one included. */
    List<LoadRun> runs();

    /** One kept run by id. */
    default Optional<LoadRun> run(String id) {
        return runs().stream().filter(run -> run.id().equals(id)).findFirst();
    }

    /**
     * What a run does.
     *
     * @param users      concurrent virtual users, each with one request in flight at a time
     * @param spawnRate  users started per second until all run
     * @param targetRate requests per second over all users; 0 = as fast as the users go
     * @param duration   from the start, ramp-up included
     */
    record LoadRequest(int users, double spawnRate, double targetRate, Duration duration) {
        public LoadRequest {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * The bounds of a run started from the page (the generator shares the appliance's process).
     *
     * @param maxUsers      users per run, at most (default 1000)
     * @param maxSpawnRate  users started per second, at most (default 1000)
     * @param maxTargetRate requests per second, at most (default 10000)
     * @param maxDuration   a run's length, at most (default 1 h)
     * @param keptRuns      finished runs kept for comparison (default 20)
     */
    record LoadLimits(int maxUsers, double maxSpawnRate, double maxTargetRate, Duration maxDuration, int keptRuns) {
        public static final LoadLimits DEFAULTS = new LoadLimits(1000, 1000, 10_000, Duration.ofHours(1), 20);

        public LoadLimits {
            Objects.requireNonNull(maxDuration, "maxDuration");
            if (maxUsers < 1 || !(maxSpawnRate > 0) || !(maxTargetRate > 0) || maxDuration.compareTo(Duration.ofSeconds(1)) < 0
                    || keptRuns < 1) {
                throw new IllegalArgumentException("load limits must be positive (and the duration at least 1s): "
                        + maxUsers + ", " + maxSpawnRate + ", " + maxTargetRate + ", " + maxDuration + ", " + keptRuns);
            }
        }
    }

    /**
     * One run, as it is now.
     *
     * @param state   "running", "finished" (its duration is over) or "stopped" (stopped early)
     * @param total   the figures over the whole run so far
     * @param points  one per second: the rate and errors of that second, the latency percentiles so far
     */
    record LoadRun(String id, LoadRequest request, Instant started, String state, LoadFigures total,
                   List<LoadPoint> points) {
        public LoadRun {
            points = List.copyOf(points);
        }

        public boolean running() {
            return state.equals("running");
        }
    }

    /**
     * @param failures      5xx answers and requests without an answer
     * @param clientErrors  4xx answers
     * @param p50Ms         latency percentiles over the run so far, in ms
     */
    record LoadFigures(double elapsedSeconds, int users, long requests, double requestsPerSecond, long failures,
                       long clientErrors, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
        public static final LoadFigures NONE = new LoadFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * @param epochSecond        when, in Unix seconds
     * @param requestsPerSecond  requests sent in the second before
     * @param failuresPerSecond  failures in the second before
     */
    record LoadPoint(long epochSecond, double requestsPerSecond, double failuresPerSecond, double p50Ms, double p95Ms,
                     double p99Ms) {
    }
}
