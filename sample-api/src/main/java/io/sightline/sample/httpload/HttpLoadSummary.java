package io.sightline.sample.httpload;

import io.sightline.sample.load.LatencyHistogram;
import io.sightline.sample.load.SummaryJson;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The figures of a load run, so far ({@link HttpLoad#snapshot()}) or at its end.
 *
 * @param target the base URL
 * @param runId the run's {@code load.run.id}
 * @param elapsedSeconds from the start to the end of the run (or to the snapshot)
 * @param users users started so far (the scenario's users once the ramp-up is over)
 * @param endpoints one row per endpoint, in the scenario's order
 * @param total the same figures over all endpoints
 * @param statusCounts answers by HTTP status
 * @param errors requests without an answer, by exception type
 * @param cpuSeconds this JVM's CPU time over the run (every thread, so an in-process target
 *     counts too); -1 when the platform cannot tell
 * @param cpuPercentOfCore {@code cpuSeconds / elapsedSeconds} in percent of one core
 * @param cpuMicrosPerRequest {@code cpuSeconds} per request, in µs
 * @param finished whether the run has ended
 */
public record HttpLoadSummary(
        String target,
        String runId,
        double elapsedSeconds,
        int users,
        List<Endpoint> endpoints,
        Endpoint total,
        SortedMap<Integer, Long> statusCounts,
        SortedMap<String, Long> errors,
        double cpuSeconds,
        double cpuPercentOfCore,
        double cpuMicrosPerRequest,
        boolean finished) {

    /**
     * One row of the table.
     *
     * @param requests requests sent (answered or failed)
     * @param requestsPerSecond requests / the run's elapsed seconds
     * @param clientErrors 4xx answers (a {@code {orderId}} nobody placed is a 404: not a failure)
     * @param serverErrors 5xx answers
     * @param connectionErrors requests without a complete answer (refused, reset, timed out)
     * @param p50Ms latency percentiles of the answers in ms, from each request's due time when paced
     */
    public record Endpoint(String name, long requests, double requestsPerSecond, long clientErrors,
                           long serverErrors, long connectionErrors, double p50Ms, double p95Ms, double p99Ms,
                           double maxMs) {

        /** Server errors and connection errors: the requests that failed. */
        public long failures() {
            return serverErrors + connectionErrors;
        }

        static Endpoint of(String name, long requests, double elapsedSeconds, long clientErrors, long serverErrors,
                           long connectionErrors, LatencyHistogram latency) {
            return new Endpoint(name, requests, elapsedSeconds > 0 ? requests / elapsedSeconds : 0, clientErrors,
                    serverErrors, connectionErrors, ms(latency, 50), ms(latency, 95), ms(latency, 99),
                    latency.maxNanos() / 1e6);
        }

        private static double ms(LatencyHistogram h, double percentile) {
            return h.percentileNanos(percentile) / 1e6;
        }
    }

    public HttpLoadSummary {
        endpoints = List.copyOf(endpoints);
        statusCounts = Collections.unmodifiableSortedMap(new TreeMap<>(statusCounts));
        errors = Collections.unmodifiableSortedMap(new TreeMap<>(errors));
    }

    /** The summary table, then the statuses, errors and the generator's CPU; ends with a newline. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "HTTP load on %s, run %s: %d users started, %.1f s%s%n", target, runId, users,
                elapsedSeconds, finished ? "" : " (running)"));
        int width = Math.max(8, endpoints.stream().mapToInt(e -> e.name().length()).max().orElse(0));
        String row = "  %-" + width + "s %10s %9s %9s %9s %9s %9s %9s %9s%n";
        s.append(String.format(Locale.ROOT, row, "endpoint", "requests", "req/s", "failures", "4xx", "p50 ms",
                "p95 ms", "p99 ms", "max ms"));
        for (Endpoint e : endpoints) {
            appendRow(s, row, e);
        }
        appendRow(s, row, total);
        s.append(String.format(Locale.ROOT, "  statuses %s%s%n", statusCounts,
                errors.isEmpty() ? "" : ", connection errors " + errors));
        if (cpuSeconds >= 0) {
            s.append(String.format(Locale.ROOT, "  generator CPU %.2f s: %.1f%% of one core, %.1f µs a request%n",
                    cpuSeconds, cpuPercentOfCore, cpuMicrosPerRequest));
        } else {
            s.append(String.format(Locale.ROOT, "  generator CPU unknown on this platform%n"));
        }
        return s.toString();
    }

    private static void appendRow(StringBuilder s, String row, Endpoint e) {
        s.append(String.format(Locale.ROOT, row, e.name(), e.requests(), String.format(Locale.ROOT, "%.1f",
                        e.requestsPerSecond()), e.failures(), e.clientErrors(), two(e.p50Ms()), two(e.p95Ms()),
                two(e.p99Ms()), two(e.maxMs())));
    }

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** The same figures as one JSON object; keys are stable for scripts ({@code bin/bench} reads them). */
    public String toJson() {
        SummaryJson json = new SummaryJson()
                .field("target", target)
                .field("runId", runId)
                .field("finished", finished)
                .field("elapsedSeconds", elapsedSeconds)
                .field("users", (long) users)
                .field("requests", total.requests())
                .field("requestsPerSecond", total.requestsPerSecond())
                .field("failures", total.failures())
                .field("serverErrors", total.serverErrors())
                .field("connectionErrors", total.connectionErrors())
                .field("clientErrors", total.clientErrors())
                .counts("statusCounts", statusCounts)
                .counts("errors", errors);
        latency(json, "latencyMs", total);
        json.beginObject("endpoints");
        for (Endpoint e : endpoints) {
            json.beginObject(e.name())
                    .field("requests", e.requests())
                    .field("requestsPerSecond", e.requestsPerSecond())
                    .field("failures", e.failures())
                    .field("clientErrors", e.clientErrors());
            latency(json, "latencyMs", e);
            json.endObject();
        }
        json.endObject();
        return json.beginObject("cpu")
                .field("seconds", cpuSeconds)
                .field("percentOfOneCore", cpuPercentOfCore)
                .field("microsPerRequest", cpuMicrosPerRequest)
                .endObject()
                .toString();
    }

    private static void latency(SummaryJson json, String name, Endpoint e) {
        json.beginObject(name)
                .field("p50", e.p50Ms())
                .field("p95", e.p95Ms())
                .field("p99", e.p99Ms())
                .field("max", e.maxMs())
                .endObject();
    }
}
